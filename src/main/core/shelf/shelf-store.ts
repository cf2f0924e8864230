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

/** A show's on-air window, UTC ms, half-open [from, to); `to` null while the show is on air. */
export interface OnAirWindow {
  showId: number;
  from: number;
  to: number | null;
}

/** A show by its title, with its on-air window (`from` null: it has none). */
export interface ShowWithWindow {
  showId: number;
  title: string;
  from: number | null;
  to: number | null;
}

/** Where a product comes from, for the figures by county and city. */
export interface ProductOrigin {
  id: number;
  city: string;
  county: string;
}

/** One SKU the shelf lists on a platform, at its product's live price (what a shop sells). */
export interface ListedSku {
  itemId: string;
  skuId: string | null;
  outerSku: string;
  nameZh: string;
  livePriceFen: number;
}

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
export class ShelfStore {
  private stmts: ReturnType<ShelfStore['prepare']> | undefined;

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
      image: db.prepare<[number], { id: number; file: string }>(
        'SELECT id, file FROM product_image WHERE product_id = ? ORDER BY position LIMIT 1',
      ),
      origins: db.prepare<[string], ProductOrigin>(
        `SELECT p.id, p.origin_city AS city, p.origin_county AS county
         FROM json_each(?) AS w JOIN product p ON p.id = w.value`,
      ),
      windows: db.prepare<[], OnAirWindow>(
        `SELECT id AS showId, on_air_from AS "from", on_air_to AS "to" FROM show
         WHERE on_air_from IS NOT NULL ORDER BY on_air_from, id`,
      ),
      showWindows: db.prepare<[], ShowWithWindow>(
        `SELECT id AS showId, title, on_air_from AS "from", on_air_to AS "to" FROM show ORDER BY id`,
      ),
      setWindow: db.prepare<[number | null, number | null, number]>(
        'UPDATE show SET on_air_from = ?, on_air_to = ? WHERE id = ?',
      ),
      listedSkus: db.prepare<
        [string, string | null, string | null],
        { item_id: string; sku_id: string | null; outer_sku: string; name_zh: string; live_price_fen: number }
      >(
        `SELECT l.item_id, k.sku_id, l.outer_sku, p.name_zh, p.live_price_fen
         FROM platform_listing l
         JOIN product p ON p.id = l.product_id
         LEFT JOIN listing_sku k ON k.listing_id = l.id
         WHERE l.platform = ? AND (? IS NULL OR l.shop_id = ? OR l.shop_id = '') AND p.status <> 'archived'
         ORDER BY l.id, k.sku_id`,
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

  /**
   * Tells every listener (overlays, UI) that these products changed; `origin` names who changed
   * them when it was not the shelf (the ledger's stock moves), so a reaction can skip its own.
   */
  announceChanged(productIds: Iterable<number>, origin?: 'ledger'): void {
    const ids = [...new Set(productIds)];
    if (ids.length > 0)
      this.events.emit('shelf.changed', origin ? { productIds: ids, origin } : { productIds: ids });
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

  /** The id of a product's first image (the dashboard's photo), or null when it has none. */
  firstImageId(productId: number): number | null {
    return this.q.image.get(productId)?.id ?? null;
  }

  /**
   * The origins (city, county) of these products, in one statement; a product not on the shelf
   * has none. The caller pages a long list (the statement takes the ids as one JSON array).
   */
  productOrigins(ids: readonly number[]): ProductOrigin[] {
    return ids.length === 0 ? [] : this.q.origins.all(JSON.stringify(ids));
  }

  /** Every show's on-air window, oldest first (windows never overlap: also the order of their ends). */
  onAirWindows(): OnAirWindow[] {
    return this.q.windows.all();
  }

  /** Every show with its title and window (`from` null: none), by id. */
  showsWithWindows(): ShowWithWindow[] {
    return this.q.showWindows.all();
  }

  /**
   * Sets (or clears, with nulls) a show's on-air window. Only the ledger calls this, inside its
   * transaction, as it re-attributes the show's order lines (orders' `setShowWindow`).
   */
  setOnAirWindow(showId: number, from: number | null, to: number | null): void {
    this.q.setWindow.run(from, to, showId);
  }

  /** Every SKU listed on a platform (for one shop, or all), of products not archived, by listing. */
  listedSkus(platform: Platform, shopId?: string): ListedSku[] {
    return this.q.listedSkus.all(platform, shopId ?? null, shopId ?? null).map((r) => ({
      itemId: r.item_id,
      skuId: r.sku_id,
      outerSku: r.outer_sku,
      nameZh: r.name_zh,
      livePriceFen: r.live_price_fen,
    }));
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
