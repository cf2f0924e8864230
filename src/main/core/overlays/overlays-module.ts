import type { overlaysOperations } from '@shared/api/domains/overlays';
import { PendingService } from '../services/pending-service';
import type { ShelfModule } from '../shelf/shelf-module';
import type { StudioContext, StudioModule } from '../studio-context';

export type OverlaysOperationName = keyof typeof overlaysOperations;

/** One overlay page as an OBS browser source should load it. */
export interface OverlayPage {
  /** Stable id, e.g. `product-card`. */
  id: string;
  /** Browser source name in OBS, e.g. `ShelfCast · Product card`. */
  sourceName: string;
  /** Full URL including the overlay token. */
  url: string;
  width: number;
  height: number;
}

export interface OverlaysModule extends StudioModule<OverlaysOperationName> {
  /** The overlay pages OBS should load; empty while the overlay server is not running. */
  pages(): OverlayPage[];
}

export function createOverlaysModule(ctx: StudioContext, _deps: { shelf: ShelfModule }): OverlaysModule {
  return {
    pages: () => [],
    services: [new PendingService('overlays', 'status.detail.overlaysNone', ctx.status)],
    handlers: {},
  };
}
