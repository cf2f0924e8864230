import type { Show } from '@shared/api/domains/shelf';
import type { PriceAudit } from './price-guard';
import type { ShelfStore } from './shelf-store';
import type { UndoExtras } from './undo-extras';

/**
 * The shelf's port: all that the other areas (orders, overlays, show day) may call on it. Anything
 * else under shelf/ is the shelf's own; its tables are read and written only through here.
 */
export interface ShelfPort {
  /** Products, listings, shows, rundowns and the on-air slot; the order ledger's stock moves. */
  readonly reader: ShelfReader;
  /** The price audit: the on-air console's price warnings and their confirmation. */
  readonly prices: Pick<PriceAudit, 'unacknowledged' | 'acknowledge'>;
  /** Moves a show's on-air slot (the card only); announces `rundown.onAirChanged` when it moved. */
  setOnAir(showId: number, slotId: number | null): { show: Show; onAirSlotId: number | null };
  /** Other areas' parts of a rundown undo (show day: cue settings, the console's choice). */
  readonly undoExtras: UndoExtras;
}

/**
 * The shelf as the other areas read it (products, their origins and first image, listings and
 * listed SKUs, shows, rundowns), plus what the order ledger writes: stock moves and the shows'
 * on-air windows (set inside the ledger's transaction as it re-attributes order lines).
 */
export type ShelfReader = Pick<
  ShelfStore,
  | 'getProduct'
  | 'listingsOf'
  | 'findListing'
  | 'adjustStocks'
  | 'announceChanged'
  | 'getShow'
  | 'rundown'
  | 'onAir'
  | 'showOfSlot'
  | 'productImage'
  | 'firstImageId'
  | 'productOrigins'
  | 'onAirWindows'
  | 'showsWithWindows'
  | 'setOnAirWindow'
  | 'listedSkus'
>;

export type { ListedSku, OnAir, OnAirWindow, ProductOrigin, ShowWithWindow } from './shelf-store';
export type { UndoExtra, UndoScope } from './undo-extras';
export { guardPrice, priceChangesOfShow } from './price-guard';
export {
  productEventFields,
  productIdsByCode,
  productLabels,
  productStatusByCode,
  setProductsByCode,
  type ProductEventFields,
  type ProductLabel,
} from './products-by-code';
export { createShelfModule, type ShelfModule } from './shelf-module';
export { ProductStore } from './product-store';
export { listingInputFrom } from './shelf-rows';
