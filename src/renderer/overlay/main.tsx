import { StrictMode, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { isOrientation } from '@shared/overlay-layout/safe-area';
import { isOverlayId, isOverlayLanguage, overlayIds } from '@shared/overlays/overlay-ids';
import { OverlayConnection } from './overlay-connection';
import { OverlayEnvProvider } from './overlay-env';
import { screenTextFor } from './overlay-text';
import { OverlayStage } from './OverlayView';
import './overlay.css';

const params = new URLSearchParams(location.search);
// /overlay/<id> draws one overlay (one OBS browser source each); /overlay/all draws all six.
const path = location.pathname.split('/').filter(Boolean)[1];
const ids = path === 'all' ? overlayIds : isOverlayId(path) ? [path] : [];
const token = params.get('token') ?? '';
// `still=1`: tests and screenshots; `lang=ug`: one browser source in another language than the rest.
const still = params.get('still') === '1';
const langParam = params.get('lang');
// `orientation=portrait`: the 1080×1920 stage of a portrait OBS canvas.
const orientationParam = params.get('orientation');
const orientation = isOrientation(orientationParam) ? orientationParam : 'landscape';

const connection = new OverlayConnection(path === 'all' ? 'all' : (ids[0] ?? 'all'), token);

function OverlayPage() {
  const { state, clockOffset, connected } = useSyncExternalStore(
    connection.subscribe,
    () => connection.current,
  );
  if (!state) return null;
  const language = isOverlayLanguage(langParam) ? langParam : state.look.language;
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
        <OverlayStage ids={ids} state={view} orientation={orientation} />
      </div>
    </OverlayEnvProvider>
  );
}

if (ids.length > 0) {
  connection.open();
  createRoot(document.getElementById('overlay-root')!).render(
    <StrictMode>
      <OverlayPage />
    </StrictMode>,
  );
}
