import { StrictMode, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { isLanguage } from '@shared/i18n/resources';
import { overlayIds, type OverlayId } from '@shared/overlays/overlay-state';
import { OverlayConnection } from './overlay-connection';
import { OverlayEnvProvider } from './overlay-env';
import { screenTextFor } from './overlay-text';
import { OverlayView } from './OverlayView';
import './overlay.css';

const params = new URLSearchParams(location.search);
const id = location.pathname.split('/').filter(Boolean)[1] as OverlayId;
const token = params.get('token') ?? '';
// `still=1`: tests and screenshots; `lang=ug`: one browser source in another language than the rest.
const still = params.get('still') === '1';
const langParam = params.get('lang');

const connection = new OverlayConnection(id, token);

function OverlayPage() {
  const { state, clockOffset, connected } = useSyncExternalStore(
    connection.subscribe,
    () => connection.current,
  );
  if (!state) return null;
  const language = isLanguage(langParam) ? langParam : state.look.language;
  const view = { ...state, look: { ...state.look, language } };
  return (
    <OverlayEnvProvider
      value={{
        language,
        t: screenTextFor(language),
        still,
        clockOffset,
        logo: state.look.theme.logoText,
        imageUrl: (file) => `/images/${encodeURIComponent(file)}?token=${encodeURIComponent(token)}`,
      }}
    >
      <div
        className="ov-root"
        data-still={still || undefined}
        data-connected={connected}
        data-rev={state.rev}
      >
        <OverlayView id={id} state={view} />
      </div>
    </OverlayEnvProvider>
  );
}

if ((overlayIds as readonly string[]).includes(id)) {
  connection.open();
  createRoot(document.getElementById('overlay-root')!).render(
    <StrictMode>
      <OverlayPage />
    </StrictMode>,
  );
}
