import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { StudioProvider, connectStudio } from './api/studio-api';
import { initI18n } from './i18n';
import './styles.css';

async function boot() {
  await initI18n();
  const connection = connectStudio();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <StudioProvider connection={connection}>
        <App />
      </StudioProvider>
    </StrictMode>,
  );
}

void boot();
