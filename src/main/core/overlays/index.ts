import type { SalesFigures } from '@shared/api/domains/orders';
import type { CountdownCommand } from '@shared/api/domains/overlays';
import type { Orientation } from '@shared/overlay-layout/safe-area';
import type { OverlayId, OverlaySections, OverlayState } from '@shared/overlays/overlay-state';
import type { OverlayControls } from './overlay-controls';
import type { OverlayPage } from './overlays-module';

/**
 * The overlays' port: all that the other areas (OBS, show day) may call on them. Every change goes
 * through the overlay state (saved, diffed, pushed to the pages in one update).
 */
export interface OverlaysPort {
  /**
   * The overlay pages OBS should load, for a landscape (default) or a portrait canvas; empty
   * while the overlay server is not running.
   */
  pages(orientation?: Orientation): OverlayPage[];
  /** A copy of the operator's controls. */
  controls(): OverlayControls;
  /** What the pages show now. */
  shown(): OverlayState;
  /** GO: the cue's overlays change in one update (`apply` is the show day's cue rule). */
  applyCue(apply: (c: OverlayControls) => void): OverlayState;
  /** What the pages would show with these controls and figures; changes nothing. */
  preview(controls: OverlayControls, figures: SalesFigures | null): OverlaySections;
  setVisible(overlay: OverlayId, visible: boolean): OverlayState;
  /** Starts, pauses or ends the countdown (a product to start it for must be on the shelf). */
  countdown(cmd: CountdownCommand): OverlayState;
  /** Takes every overlay off screen and ends a running countdown. */
  hideAll(): OverlayState;
}

export { applyCountdown, endCountdown, type OverlayControls } from './overlay-controls';
export { createOverlaysModule, type OverlayPage, type OverlaysModule } from './overlays-module';
