import type Database from 'better-sqlite3';
import type { SalesFigures } from '@shared/api/domains/orders';
import type { SyncedPlatform } from '@shared/api/domains/shelf';
import type { ShelfReader } from '../../shelf';
import type { SalesDelta } from './sales-delta';

/** Where the figures by county read the products' origins: the shelf's port. */
export type Origins = Pick<ShelfReader, 'productOrigins'>;

interface Tally {
  orders: number;
  units: number;
  gmvFen: number;
}

/** Products whose origins one statement reads. */
const ORIGIN_PAGE = 500;

const tally = (): Tally => ({ orders: 0, units: 0, gmvFen: 0 });

/**
 * The live figures for all orders, kept in memory and moved by the same deltas the ledger writes,
 * so publishing after every page costs no query. `load` rebuilds it from the aggregate tables.
 */
export class LiveFigures {
  private totals = { orders: 0, units: 0, gmvFen: 0, refundedFen: 0 };
  private platforms = new Map<SyncedPlatform, Tally>();
  private products = new Map<number, Tally>();
  private minutes = new Map<number, { units: number; gmvFen: number }>();
  /** Origins of the products in `products` (those with sales), read by `readOrigins`. */
  private readonly origins = new Map<number, { city: string; county: string }>();

  constructor(
    private readonly db: Database.Database,
    private readonly shelf: Origins,
  ) {}

  /** Rebuilds every figure from sales_minute / sales_order_minute (studio start, after a crash). */
  load(): void {
    this.totals = { orders: 0, units: 0, gmvFen: 0, refundedFen: 0 };
    this.platforms.clear();
    this.products.clear();
    this.minutes.clear();
    const cells = this.db
      .prepare<
        [],
        {
          platform: SyncedPlatform;
          product_id: number;
          minute: number;
          lines: number;
          units: number;
          gmv_fen: number;
          refunded_fen: number;
        }
      >('SELECT platform, product_id, minute, lines, units, gmv_fen, refunded_fen FROM sales_minute')
      .all();
    for (const c of cells)
      this.applyCell(c.platform, c.product_id, c.minute, c.lines, c.units, c.gmv_fen, c.refunded_fen);
    const orders = this.db
      .prepare<[], { platform: SyncedPlatform; orders: number }>(
        'SELECT platform, sum(orders) AS orders FROM sales_order_minute GROUP BY platform',
      )
      .all();
    for (const o of orders) this.applyOrders(o.platform, o.orders);
    this.loadOrigins();
  }

  /**
   * Reads the origins (city, county) of the products with sales. Products without sales need none
   * until they sell (`apply` reads theirs then), so a 100,000-product shelf costs nothing here.
   */
  loadOrigins(): void {
    this.origins.clear();
    this.readOrigins([...this.products.keys()]);
  }

  /**
   * The shelf changed these products: re-reads the origins of those among them that have sales
   * (the others are read when they first sell). Costs reads for the named products only.
   */
  refreshOrigins(productIds: readonly number[]): void {
    this.readOrigins(productIds.filter((id) => this.products.has(id)));
  }

  /** Reads the origins of these products, in pages; a product no longer on the shelf gets none. */
  private readOrigins(ids: readonly number[]): void {
    const wanted = ids.filter((id) => id !== 0);
    if (wanted.length === 0) return;
    for (let at = 0; at < wanted.length; at += ORIGIN_PAGE) {
      const page = wanted.slice(at, at + ORIGIN_PAGE);
      for (const id of page) this.origins.delete(id);
      for (const r of this.shelf.productOrigins(page))
        this.origins.set(r.id, { city: r.city, county: r.county });
    }
  }

  apply(delta: SalesDelta): void {
    const firstSales = delta.cells.flatMap((c) =>
      c.productId !== 0 && !this.products.has(c.productId) ? [c.productId] : [],
    );
    for (const c of delta.cells)
      this.applyCell(c.platform, c.productId, c.minute, c.lines, c.units, c.gmvFen, c.refundedFen);
    for (const o of delta.orderCounts) this.applyOrders(o.platform, o.orders);
    this.readOrigins([...new Set(firstSales)]);
  }

  snapshot(at = Date.now()): SalesFigures {
    const byCounty = new Map<string, { city: string; county: string; units: number; gmvFen: number }>();
    const byProduct: SalesFigures['byProduct'] = [];
    for (const [productId, t] of this.products) {
      if (productId === 0 || (t.orders === 0 && t.units === 0 && t.gmvFen === 0)) continue;
      byProduct.push({ productId, orders: t.orders, units: t.units, gmvFen: t.gmvFen });
      const origin = this.origins.get(productId) ?? { city: '', county: '' };
      const k = `${origin.city}\u0000${origin.county}`;
      const c = byCounty.get(k) ?? { ...origin, units: 0, gmvFen: 0 };
      c.units += t.units;
      c.gmvFen += t.gmvFen;
      byCounty.set(k, c);
    }
    return {
      at,
      showId: null,
      totals: { ...this.totals },
      byPlatform: [...this.platforms]
        .map(([platform, t]) => ({ platform, ...t }))
        .sort((a, b) => b.gmvFen - a.gmvFen || a.platform.localeCompare(b.platform)),
      byProduct: byProduct.sort((a, b) => b.gmvFen - a.gmvFen || a.productId - b.productId),
      byCounty: [...byCounty.values()].sort(
        (a, b) => b.gmvFen - a.gmvFen || a.county.localeCompare(b.county),
      ),
    };
  }

  /** Units and sales per minute since `since` (UTC ms), oldest first. */
  timeline(since = 0): { minute: number; units: number; gmvFen: number }[] {
    return [...this.minutes]
      .filter(([m]) => m >= since)
      .sort((a, b) => a[0] - b[0])
      .map(([minute, v]) => ({ minute, ...v }));
  }

  private applyCell(
    platform: SyncedPlatform,
    productId: number,
    minute: number,
    lines: number,
    units: number,
    gmvFen: number,
    refundedFen: number,
  ): void {
    this.totals.units += units;
    this.totals.gmvFen += gmvFen;
    this.totals.refundedFen += refundedFen;
    const p = this.platforms.get(platform) ?? tally();
    p.units += units;
    p.gmvFen += gmvFen;
    this.platforms.set(platform, p);
    const pr = this.products.get(productId) ?? tally();
    pr.orders += lines;
    pr.units += units;
    pr.gmvFen += gmvFen;
    this.products.set(productId, pr);
    const m = this.minutes.get(minute) ?? { units: 0, gmvFen: 0 };
    m.units += units;
    m.gmvFen += gmvFen;
    this.minutes.set(minute, m);
  }

  private applyOrders(platform: SyncedPlatform, orders: number): void {
    this.totals.orders += orders;
    const p = this.platforms.get(platform) ?? tally();
    p.orders += orders;
    this.platforms.set(platform, p);
  }
}

/**
 * Figures for one show (or all), straight from the aggregate tables: for `orders.figures`. The
 * products' origins (for the counties) come from the shelf's port, a page of products at a time.
 */
export function figuresFromDb(
  db: Database.Database,
  shelf: Origins,
  showId: number | null,
  at = Date.now(),
): SalesFigures {
  const show = showId ?? -1;
  const totals = db
    .prepare<[number, number], { units: number | null; gmv: number | null; refunded: number | null }>(
      `SELECT sum(units) AS units, sum(gmv_fen) AS gmv, sum(refunded_fen) AS refunded FROM sales_minute
       WHERE (? = -1 OR show_id = ?)`,
    )
    .get(show, show);
  const orders = db
    .prepare<[number, number], { platform: SyncedPlatform; orders: number }>(
      `SELECT platform, sum(orders) AS orders FROM sales_order_minute WHERE (? = -1 OR show_id = ?) GROUP BY platform`,
    )
    .all(show, show);
  const platforms = db
    .prepare<[number, number], { platform: SyncedPlatform; units: number; gmv: number }>(
      `SELECT platform, sum(units) AS units, sum(gmv_fen) AS gmv FROM sales_minute
       WHERE (? = -1 OR show_id = ?) GROUP BY platform`,
    )
    .all(show, show);
  const sold = db
    .prepare<[number, number], { product_id: number; lines: number; units: number; gmv: number }>(
      `SELECT product_id, sum(lines) AS lines, sum(units) AS units, sum(gmv_fen) AS gmv
       FROM sales_minute WHERE (? = -1 OR show_id = ?) AND product_id <> 0 GROUP BY product_id`,
    )
    .all(show, show);
  // A product no longer on the shelf has no origin ('' city and county), as before with a LEFT JOIN.
  const origins = new Map<number, { city: string; county: string }>();
  for (let i = 0; i < sold.length; i += ORIGIN_PAGE)
    for (const o of shelf.productOrigins(sold.slice(i, i + ORIGIN_PAGE).map((p) => p.product_id)))
      origins.set(o.id, { city: o.city, county: o.county });
  const products = sold.map((p) => ({ ...p, city: '', county: '', ...origins.get(p.product_id) }));
  const orderOf = new Map(orders.map((o) => [o.platform, o.orders]));
  const byCounty = new Map<string, { city: string; county: string; units: number; gmvFen: number }>();
  for (const p of products) {
    if (p.lines === 0 && p.units === 0 && p.gmv === 0) continue;
    const k = `${p.city}\u0000${p.county}`;
    const c = byCounty.get(k) ?? { city: p.city, county: p.county, units: 0, gmvFen: 0 };
    c.units += p.units;
    c.gmvFen += p.gmv;
    byCounty.set(k, c);
  }
  return {
    at,
    showId,
    totals: {
      orders: orders.reduce((s, o) => s + o.orders, 0),
      units: totals?.units ?? 0,
      gmvFen: totals?.gmv ?? 0,
      refundedFen: totals?.refunded ?? 0,
    },
    byPlatform: platforms
      .map((p) => ({
        platform: p.platform,
        orders: orderOf.get(p.platform) ?? 0,
        units: p.units,
        gmvFen: p.gmv,
      }))
      .sort((a, b) => b.gmvFen - a.gmvFen || a.platform.localeCompare(b.platform)),
    byProduct: products
      .filter((p) => p.lines !== 0 || p.units !== 0 || p.gmv !== 0)
      .map((p) => ({ productId: p.product_id, orders: p.lines, units: p.units, gmvFen: p.gmv }))
      .sort((a, b) => b.gmvFen - a.gmvFen || a.productId - b.productId),
    byCounty: [...byCounty.values()].sort((a, b) => b.gmvFen - a.gmvFen || a.county.localeCompare(b.county)),
  };
}
