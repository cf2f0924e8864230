import type { showdayOperations } from '@shared/api/domains/showday';
import type { ObsModule } from '../obs/obs-module';
import type { OrdersModule } from '../orders/orders-module';
import type { OverlaysModule } from '../overlays/overlays-module';
import type { ShelfModule } from '../shelf/shelf-module';
import type { StudioContext, StudioModule } from '../studio-context';
import { CueObs } from './cue-obs';
import { cueUndoExtra } from './cue-undo';
import { ShowConsole } from './show-console';
import { showdayHandlers } from './showday-handlers';

export type ShowdayOperationName = keyof typeof showdayOperations;

/** The shelf's on-air operations, which the console takes over so they go through the cue path. */
export type OnAirOperationName = 'rundown.setOnAir' | 'rundown.next' | 'rundown.previous';

export interface ShowdayModule extends StudioModule<ShowdayOperationName | OnAirOperationName> {
  console: ShowConsole;
}

export interface ShowdayDeps {
  shelf: ShelfModule;
  orders: OrdersModule;
  overlays: OverlaysModule;
  obs: ObsModule;
}

/** Ties shelf, OBS, overlays and orders into cues, the on-air log, the dashboard and the report. */
export function createShowdayModule(ctx: StudioContext, deps: ShowdayDeps): ShowdayModule {
  const log = ctx.logs.logger('showday');
  const cueObs = new CueObs(deps.obs, () => deps.overlays.pages(), log.child('obs'));
  const console = new ShowConsole(
    ctx,
    deps.shelf,
    deps.overlays,
    cueObs,
    log,
    (showId, window, closeOpenAt) => deps.orders.service.ledger.setShowWindow(showId, window, closeOpenAt),
  );
  // A rundown undo puts back the cue settings and the console's choice of show with the rows.
  deps.shelf.undoExtras.register('showday', cueUndoExtra(console, ctx.events));
  // Sync lag per shop for the dashboard, as the orders area reports it.
  const shops = async () =>
    (await deps.orders.handlers['shops.list']({}, { role: 'operator', transport: 'internal' })).shops;
  return {
    console,
    services: [console],
    handlers: showdayHandlers(ctx, console, deps.shelf.catalog, shops),
  };
}
