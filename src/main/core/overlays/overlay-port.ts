import type { SalesFigures } from '@shared/api/domains/orders';
import type { CountdownCommand } from '@shared/api/domains/overlays';
import { ApiFailure } from '@shared/api/errors';
import type { OverlayId, OverlaySections, OverlayState } from '@shared/overlays/overlay-state';
import type { ShelfReader } from '../shelf';
import { applyCountdown, endCountdown, type OverlayControls } from './overlay-controls';
import type { OverlayStateService } from './overlay-service';
import { buildSections } from './overlay-state-builder';

export const productMissing = (productId: number) =>
  new ApiFailure('not_found', `Product ${productId} is not on the shelf`, {
    key: 'overlays:errors.productMissing',
    params: { productId },
  });

/** The overlay controls other areas and the overlays API both use (the port's working part). */
export function overlayControlsOf(state: OverlayStateService, shelf: ShelfReader) {
  return {
    controls: () => state.getControls(),
    shown: () => state.state(),
    applyCue: (apply: (c: OverlayControls) => void) => state.update(apply),
    preview: (controls: OverlayControls, figures: SalesFigures | null): OverlaySections =>
      buildSections(controls, shelf, figures, () => null),
    setVisible: (overlay: OverlayId, visible: boolean): OverlayState =>
      state.update((c) => {
        c.visible[overlay] = visible;
      }),
    countdown: (cmd: CountdownCommand): OverlayState => {
      if (cmd.action === 'start' && cmd.productId !== null && !shelf.getProduct(cmd.productId))
        throw productMissing(cmd.productId);
      const next = applyCountdown(state.getControls().countdown, cmd, state.now());
      return state.update((c) => {
        c.countdown = next;
        if (cmd.action === 'start') c.visible.countdown = true;
      });
    },
    hideAll: (): OverlayState =>
      state.update((c) => {
        for (const id of Object.keys(c.visible) as OverlayId[]) c.visible[id] = false;
        if (c.countdown.status === 'running' || c.countdown.status === 'paused')
          c.countdown = endCountdown(c.countdown, 'operator');
      }),
  };
}
