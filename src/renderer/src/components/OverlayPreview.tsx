import type { OverlayId, OverlayState } from '@shared/overlays/overlay-state';
import { OverlayEnvProvider } from '../../overlay/overlay-env';
import { screenTextFor } from '../../overlay/overlay-text';
import { OverlayView } from '../../overlay/OverlayView';
import '../../overlay/overlay.css';

/**
 * The same component OBS renders, drawn at `scale` inside the app: what you see is what goes on air.
 * Images are left out here (they are served to OBS by the overlay server, on another origin).
 */
export function OverlayPreview({ id, state, scale }: { id: OverlayId; state: OverlayState; scale: number }) {
  const language = state.look.language;
  return (
    <div
      className="ovp-frame"
      style={{ inlineSize: 1920 * scale, blockSize: 1080 * scale }}
      data-testid={`preview-${id}`}
    >
      <div className="ovp-scaled" style={{ transform: `scale(${scale})` }}>
        <OverlayEnvProvider
          value={{
            language,
            t: screenTextFor(language),
            still: false,
            clockOffset: 0,
            logo: state.look.theme.logoText,
            imageUrl: () => null,
          }}
        >
          <OverlayView id={id} state={state} />
        </OverlayEnvProvider>
      </div>
    </div>
  );
}
