import type { showdayOperations } from '@shared/api/domains/showday';
import type { ObsPort } from '../obs';
import type { OrdersPort } from '../orders';
import type { OverlaysPort } from '../overlays';
import type { ShelfPort } from '../shelf';
import type { StudioContext, StudioModule } from '../studio-context';
import { cueUndoExtra } from './cue-undo';
import { OnAirConsole } from './on-air-console';
import { showdayHandlers } from './showday-handlers';

export type ShowdayOperationName = keyof typeof showdayOperations;

/** The shelf's on-air operations, which the console takes over so they go through the cue path. */
export type OnAirOperationName = 'rundown.setOnAir' | 'rundown.next' | 'rundown.previous';

export interface ShowdayModule extends StudioModule<ShowdayOperationName | OnAirOperationName> {
  console: OnAirConsole;
}

/** The other areas' ports show day calls. */
export interface ShowdayDeps {
  shelf: ShelfPort;
  orders: OrdersPort;
  overlays: OverlaysPort;
  obs: ObsPort;
  /** A CJK font file for the PDF report (from the entry point's options). */
  pdfFont?: string | undefined;
}

/** Ties shelf, OBS, overlays and orders into cues, the on-air log, the dashboard and the report. */
export function createShowdayModule(ctx: StudioContext, deps: ShowdayDeps): ShowdayModule {
  const log = ctx.logs.logger('showday');
  const onAir = new OnAirConsole(
    ctx,
    deps.shelf,
    deps.overlays,
    deps.obs,
    log,
    (showId, window, closeOpenAt) => deps.orders.setShowWindow(showId, window, closeOpenAt),
  );
  // A rundown undo puts back the cue settings and the console's choice of show with the rows.
  deps.shelf.undoExtras.register(
    'showday',
    cueUndoExtra(onAir, ctx.events, (id) => deps.shelf.reader.showOfSlot(id)),
  );
  // Sync lag per shop for the dashboard, as the orders area reports it.
  const shops = async () => deps.orders.shopLags();
  return {
    console: onAir,
    services: [onAir],
    handlers: showdayHandlers(ctx, onAir, deps.shelf.reader, shops, deps.pdfFont),
  };
}
