import { useTranslation } from 'react-i18next';
import { layoutForState, safeAreaOf } from '@shared/overlay-layout';
import { presetFor, stageSize, type Orientation } from '@shared/overlay-layout/safe-area';
import { overlayIds } from '@shared/overlays/overlay-ids';
import type { OverlayState } from '@shared/overlays/overlay-state';
import { OverlayEnvProvider } from '../../overlay/overlay-env';
import { screenTextFor } from '../../overlay/overlay-text';
import { OverlayStage } from '../../overlay/OverlayView';
import '../../overlay/overlay.css';
import './overlay-controls.css';

/**
 * Every overlay that is up, drawn in its layout on one stage of the orientation, as the program
 * will show it; with `ghost`, the platform's own UI (comments, buttons, top bar, the anchor) drawn
 * over it, and the safe area as a dashed frame. With `camera`, the OBS picture under the overlays
 * (null: OBS has none, the neutral stage). The Overlays page and the Show page's "what GO will
 * do" draw the same composite, so the preview is the picture viewers get in each orientation.
 */
export function OverlayComposite({
  state,
  orientation,
  scale,
  ghost,
  camera,
  still = false,
  frameRef,
}: {
  state: OverlayState;
  orientation: Orientation;
  scale: number;
  ghost: boolean;
  /** A data URL of the camera scene, null for none (neutral stage); left out where there is no OBS picture to show. */
  camera?: string | null;
  /** A still picture (no entry animations, countdown not ticking): a preview of a state to come. */
  still?: boolean;
  /** The frame element (the camera shot is taken only while it is on screen). */
  frameRef?: (el: HTMLElement | null) => void;
}) {
  const { t } = useTranslation('overlays');
  const { w, h } = stageSize(orientation);
  const language = state.look.language;
  const area = safeAreaOf(state, orientation);
  const preset = presetFor(orientation, area.preset);
  const layout = layoutForState(state, orientation);
  const px = (r: { x: number; y: number; w: number; h: number }) => ({
    left: r.x,
    top: r.y,
    width: r.w,
    height: r.h,
  });
  return (
    <div
      ref={frameRef}
      className="ovp-frame"
      style={{ inlineSize: w * scale, blockSize: h * scale }}
      data-testid={`composite-${orientation}`}
      data-orientation={orientation}
      data-neutral={camera === null || undefined}
    >
      {camera && <img className="ovp-camera" src={camera} alt="" data-testid="composite-camera" />}
      <div className="ovp-scaled" style={{ transform: `scale(${scale})`, inlineSize: w, blockSize: h }}>
        <OverlayEnvProvider
          value={{
            language,
            t: screenTextFor(language),
            still,
            clockOffset: 0,
            logo: state.look.theme.logoText,
            imageUrl: () => null,
          }}
        >
          <OverlayStage ids={overlayIds} state={state} orientation={orientation}>
            {ghost && (
              <div className="ovp-ghost" data-testid="platform-ghost" data-preset={area.preset}>
                {preset?.ghost.map((g) => (
                  <div
                    key={g.key}
                    className="ovp-ghost-shape"
                    data-ghost={g.key}
                    style={px({ x: g.x * w, y: g.y * h, w: g.w * w, h: g.h * h })}
                  >
                    {t(`overlayLayout.ghost.${g.key}`)}
                  </div>
                ))}
                {layout.keepOut && (
                  <div className="ovp-ghost-shape ovp-ghost-anchor" style={px(layout.keepOut)}>
                    {t('overlayLayout.ghost.anchor')}
                  </div>
                )}
                <div className="ovp-ghost-safe" data-testid="safe-frame" style={px(layout.safe)} />
              </div>
            )}
          </OverlayStage>
        </OverlayEnvProvider>
      </div>
    </div>
  );
}
