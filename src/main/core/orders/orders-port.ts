import type { ShelfReader } from '../shelf';
import type { StudioContext } from '../studio-context';
import type { OrdersPort } from './index';
import type { OrdersService } from './orders-service';
import { showFigures, showTimeline } from './show-figures';

/** The orders' port over the running service: the API handlers and show day both go through it. */
export function ordersPortOf(ctx: StudioContext, service: OrdersService, shelf: ShelfReader): OrdersPort {
  return {
    figures: (showId, at) =>
      showId === null ? service.ledger.figures.snapshot(at) : showFigures(ctx.db(), shelf, showId, at),
    timeline: (showId, since) =>
      showId === null ? service.ledger.figures.timeline(since) : showTimeline(ctx.db(), showId, since),
    shopLags: () => service.list(),
    setShowWindow: (showId, window, closeOpenAt) => service.ledger.setShowWindow(showId, window, closeOpenAt),
  };
}
