import type { SalesFigures, Shop } from '@shared/api/domains/orders';
import type { WindowChange } from './ledger/show-windows';

/** One minute of a show's (or the studio's) sales. */
export interface SalesMinute {
  minute: number;
  units: number;
  gmvFen: number;
}

/**
 * The orders' port: all that the other areas (show day) may call on order sync and the ledger.
 * The ledger's tables are read and written only through here.
 */
export interface OrdersPort {
  /** The figures of one show, or of the studio today (null), at `at`. */
  figures(showId: number | null, at?: number): SalesFigures;
  /** Sales per minute from `since` on, oldest first. */
  timeline(showId: number | null, since?: number): SalesMinute[];
  /** Every shop with its sync state and how far behind the platform its ledger is. */
  shopLags(): Shop[];
  /** Sets (or clears) a show's on-air window: its order lines move, the figures are recounted. */
  setShowWindow(
    showId: number,
    window: { from: number; to: number | null } | null,
    closeOpenAt?: number,
  ): WindowChange;
}

export type { WindowChange } from './ledger/show-windows';
export { showFigures, showTimeline } from './show-figures';
export { salesDuring, type AirSales, type ProductInterval } from './ledger/sales-during';
export {
  countedLinesPage,
  SHOW_GMV_SQL,
  showGmvFen,
  stockTakenOf,
  type CountedLine,
  type CountedLineCursor,
} from './ledger/counted-lines';
export { createOrdersModule, type OrdersModule } from './orders-module';
export type { LiveLedger } from './ledger/live-ledger';
export { rawDeliveries } from './ledger/order-ledger';
export type { OrderLine } from './order-record';
export type { OrdersService } from './orders-service';
