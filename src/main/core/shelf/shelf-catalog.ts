import type Database from 'better-sqlite3';
import type { Listing, Platform, Product, RundownSlot, Show } from '@shared/api/domains/shelf';
import type { EventHub } from '../event-hub';
import {
  listingFromRow,
  productFromRow,
  showFromRow,
  slotFromRow,
  type ListingRow,
  type ProductRow,
  type ShowRow,
  type SlotRow,
} from './shelf-rows';

const LISTING_SELECT = `
  SELECT l.*, (SELECT json_group_array(sku_id) FROM listing_sku s WHERE s.listing_id = l.id) AS sku_ids
  FROM platform_listing l`;

/**
 * Order lines carry a SKU id: start from listing_sku's sku_id index (CROSS JOIN fixes the order;
 * without statistics the planner would otherwise walk every listing of the platform first).
 */
export const LISTING_BY_SKU_SQL = `
  SELECT l.*, (SELECT json_group_array(sku_id) FROM listing_sku s WHERE s.listing_id = l.id) AS sku_ids
  FROM listing_sku k CROSS JOIN platform_listing l ON l.id = k.listing_id
  WHERE l.platform = ? AND k.sku_id = ? LIMIT 1`;

export interface OnAir {
  show: Show;
  slot: RundownSlot;
  product: Product;
  listings: Listing[];
}

/**
 * The shelf as the other areas read it: products, listings (order mapping), rundowns and the
 * on-air slot, plus the stock adjustment order sync needs. Statements are prepared on first use,
 * after the database has opened.
 */
export class ShelfCatalog {
  private stmts: ReturnType<ShelfCatalog['prepare']> | undefined;

  constructor(
    private readonly db: () => Database.Database,
    private readonly events: EventHub,
  ) {}

  private get q() {
    return (this.stmts ??= this.prepare(this.db()));
  }

  private prepare(db: Database.Database) {
    return {
      product: db.prepare<[number], ProductRow>('SELECT * FROM product WHERE id = ?'),
      listingsOf: db.prepare<[number], ListingRow>(
        `${LISTING_SELECT} WHERE l.product_id = ? ORDER BY l.platform, l.id`,
      ),
      listingBySku: db.prepare<[string, string], ListingRow>(LISTING_BY_SKU_SQL),
      listingByItem: db.prepare<[string, string], ListingRow>(
        `${LISTING_SELECT} WHERE l.platform = ? AND l.item_id = ? ORDER BY l.id LIMIT 1`,
      ),
      listingByOuterSku: db.prepare<[string, string], ListingRow>(
        `${LISTING_SELECT} WHERE l.platform = ? AND l.outer_sku = ? AND l.outer_sku <> '' ORDER BY l.id LIMIT 1`,
      ),
      adjustStocks: db.prepare<[number, string]>(
        `UPDATE product SET stock = max(0, stock + d.value ->> 1), updated_at = ?
         FROM json_each(?) AS d WHERE product.id = d.value ->> 0`,
      ),
      show: db.prepare<[number], ShowRow>('SELECT * FROM show WHERE id = ?'),
      slots: db.prepare<[number], SlotRow>('SELECT * FROM rundown_slot WHERE show_id = ? ORDER BY position'),
      slot: db.prepare<[number], SlotRow>('SELECT * FROM rundown_slot WHERE id = ?'),
      image: db.prepare<[number], { file: string }>(
        'SELECT file FROM product_image WHERE product_id = ? ORDER BY position LIMIT 1',
      ),
    };
  }

  getProduct(id: number): Product | undefined {
    const row = this.q.product.get(id);
    return row && productFromRow(row);
  }

  listingsOf(productId: number): Listing[] {
    return this.q.listingsOf.all(productId).map(listingFromRow);
  }

  /**
   * Maps an order line back to a listing: by platform SKU id, then item id, then outer SKU code.
   * Returns undefined for items not on the shelf (they still count in platform totals).
   */
  findListing(
    platform: Platform,
    ref: { skuId?: string; itemId?: string; outerSku?: string },
  ): Listing | undefined {
    const row =
      (ref.skuId ? this.q.listingBySku.get(platform, ref.skuId) : undefined) ??
      (ref.itemId ? this.q.listingByItem.get(platform, ref.itemId) : undefined) ??
      (ref.outerSku ? this.q.listingByOuterSku.get(platform, ref.outerSku) : undefined);
    return row && listingFromRow(row);
  }

  /**
   * Adds each product's delta to its stock (never below zero) in one statement; zero deltas are
   * skipped. Call it inside the caller's transaction; announce with `announceChanged` after the
   * commit. Returns the products it changed.
   */
  adjustStocks(deltas: ReadonlyMap<number, number>): number[] {
    const changed = [...deltas].filter(([, d]) => d !== 0);
    if (changed.length === 0) return [];
    this.q.adjustStocks.run(Date.now(), JSON.stringify(changed));
    return changed.map(([id]) => id);
  }

  /** Tells every listener (overlays, UI) that these products changed. */
  announceChanged(productIds: Iterable<number>): void {
    const ids = [...new Set(productIds)];
    if (ids.length > 0) this.events.emit('shelf.changed', { productIds: ids });
  }

  getShow(id: number): Show | undefined {
    const row = this.q.show.get(id);
    return row && showFromRow(row);
  }

  rundown(showId: number): RundownSlot[] {
    return this.q.slots.all(showId).map(slotFromRow);
  }

  /** The show a rundown slot belongs to, or undefined when there is no such slot. */
  showOfSlot(slotId: number): number | undefined {
    return this.q.slot.get(slotId)?.show_id;
  }

  /** A product's first image file (relative to <dataDir>/images), or null when it has none. */
  productImage(productId: number): string | null {
    return this.q.image.get(productId)?.file ?? null;
  }

  /** The slot on air in a show, with its product and listings (cart link numbers). */
  onAir(showId: number): OnAir | undefined {
    const show = this.getShow(showId);
    if (!show?.onAirSlotId) return undefined;
    const slotRow = this.q.slot.get(show.onAirSlotId);
    if (!slotRow) return undefined;
    const slot = slotFromRow(slotRow);
    const product = this.getProduct(slot.productId);
    if (!product) return undefined;
    return { show, slot, product, listings: this.listingsOf(product.id) };
  }
}
