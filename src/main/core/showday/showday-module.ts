import type { showdayOperations } from '@shared/api/domains/showday';
import type { ObsModule } from '../obs/obs-module';
import type { OrdersModule } from '../orders/orders-module';
import type { OverlaysModule } from '../overlays/overlays-module';
import type { ShelfModule } from '../shelf/shelf-module';
import type { StudioContext, StudioModule } from '../studio-context';

export type ShowdayOperationName = keyof typeof showdayOperations;

export type ShowdayModule = StudioModule<ShowdayOperationName>;

export interface ShowdayDeps {
  shelf: ShelfModule;
  orders: OrdersModule;
  overlays: OverlaysModule;
  obs: ObsModule;
}

/** Ties shelf, OBS, overlays and orders into cues, the on-air log, the dashboard and the report. */
export function createShowdayModule(_ctx: StudioContext, _deps: ShowdayDeps): ShowdayModule {
  return { services: [], handlers: {} };
}
