import type Database from 'better-sqlite3';
import type { SyncedPlatform } from '@shared/api/domains/shelf';
import type { ShelfCatalog } from '../../shelf/shelf-catalog';
import type { OrderLine, OrderStatus, RefundState } from '../order-record';
import { SalesDelta } from './sales-delta';

interface StoredLine {
  status: OrderStatus;
  refund_state: RefundState;
  quantity: number;
  paid_fen: number;
  paid_at: number | null;
  updated_at: number;
  product_id: number | null;
  show_id: number;
  minute: number;
  stock_taken: number;
}

/** What one ingest did; handed to `afterCommit` once the transaction holding it has committed. */
export interface IngestResult {
  /** Lines written (new, or a newer-or-equal version). */
  written: number;
  /** Lines ignored because the stored version is newer. */
  stale: number;
  /** Written lines whose SKU maps to no shelf product. */
  unmapped: number;
  delta: SalesDelta;
  /** Products whose stock this ingest changed. */
  stockChanged: Set<number>;
  /** The lines written, with the product they map to, for the live feed. */
  lines: (OrderLine & { productId: number | null })[];
}

/** Paid (and not refunded) lines count in figures and hold stock; unpaid and cancelled ones do not. */
export const counts = (status: OrderStatus, refund: RefundState): boolean =>
  (status === 'paid' || status === 'shipped' || status === 'completed') && refund !== 'refunded';

type Cell = { showId: number; minute: number };

const minuteOf = (line: { paidAt: number | null; createdAt: number }): number =>
  Math.floor((line.paidAt ?? line.createdAt) / 60_000) * 60_000;

/** Beijing calendar date (UTC+8, no DST) of a UTC ms time: shows are dated in studio local time. */
export const beijingDate = (utcMs: number): string =>
  new Date(utcMs + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The order ledger: idempotent upsert keyed (platform, shop, order, line) that keeps stock and the
 * sales aggregates in step inside the caller's transaction. A stored line is replaced only by a
 * version with updatedAt >= its own, so duplicates and out-of-order deliveries change nothing.
 */
export class OrderLedger {
  private readonly q;
  private readonly mapCache = new Map<string, number | null>();
  private showDates = new Map<string, number>();

  constructor(
    private readonly db: Database.Database,
    private readonly catalog: ShelfCatalog,
  ) {
    this.q = {
      get: db.prepare<[string, string, string, string], StoredLine>(
        `SELECT status, refund_state, quantity, paid_fen, paid_at, updated_at, product_id, show_id, minute, stock_taken
         FROM order_line WHERE platform = ? AND shop_id = ? AND order_id = ? AND line_id = ?`,
      ),
      upsert: db.prepare(
        `INSERT INTO order_line (platform, shop_id, order_id, line_id, status, refund_state, item_id, sku_id,
           outer_sku, title, quantity, paid_fen, created_at, paid_at, updated_at, product_id, show_id, minute,
           stock_taken, received_at)
         VALUES (@platform, @shopId, @orderId, @lineId, @status, @refundState, @itemId, @skuId, @outerSku, @title,
           @quantity, @paidFen, @createdAt, @paidAt, @updatedAt, @productId, @showId, @minute, @stockTaken, @receivedAt)
         ON CONFLICT (platform, shop_id, order_id, line_id) DO UPDATE SET
           status = excluded.status, refund_state = excluded.refund_state, item_id = excluded.item_id,
           sku_id = excluded.sku_id, outer_sku = excluded.outer_sku, title = excluded.title,
           quantity = excluded.quantity, paid_fen = excluded.paid_fen, created_at = excluded.created_at,
           paid_at = excluded.paid_at, updated_at = excluded.updated_at, product_id = excluded.product_id,
           show_id = excluded.show_id, minute = excluded.minute, stock_taken = excluded.stock_taken,
           received_at = excluded.received_at`,
      ),
      raw: db.prepare(
        `INSERT INTO order_raw (platform, shop_id, order_id, updated_at, raw) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (platform, shop_id, order_id) DO UPDATE SET updated_at = excluded.updated_at, raw = excluded.raw
         WHERE excluded.updated_at >= order_raw.updated_at`,
      ),
      cell: db.prepare(
        `INSERT INTO sales_minute (show_id, platform, product_id, minute, lines, units, gmv_fen, refunded_fen)
         VALUES (@showId, @platform, @productId, @minute, @lines, @units, @gmvFen, @refundedFen)
         ON CONFLICT (show_id, platform, product_id, minute) DO UPDATE SET
           lines = lines + excluded.lines, units = units + excluded.units,
           gmv_fen = gmv_fen + excluded.gmv_fen, refunded_fen = refunded_fen + excluded.refunded_fen`,
      ),
      orderCount: db.prepare(
        `INSERT INTO sales_order_minute (show_id, platform, minute, orders) VALUES (@showId, @platform, @minute, @orders)
         ON CONFLICT (show_id, platform, minute) DO UPDATE SET orders = orders + excluded.orders`,
      ),
      mapping: db.prepare<[string, string], { product_id: number }>(
        'SELECT product_id FROM sku_mapping WHERE platform = ? AND sku_id = ?',
      ),
      shows: db.prepare<[], { id: number; show_date: string }>('SELECT id, show_date FROM show ORDER BY id'),
    };
  }

  /** Forget cached SKU → product answers (the shelf's listings or the operator's mappings changed). */
  invalidateMappings(): void {
    this.mapCache.clear();
  }

  /** Which shelf product a line is, or null: shelf listings first, then the operator's remembered mappings. */
  productFor(
    platform: SyncedPlatform,
    ref: { skuId: string; itemId: string; outerSku: string },
  ): number | null {
    const k = `${platform}\u0000${ref.skuId}\u0000${ref.itemId}\u0000${ref.outerSku}`;
    const cached = this.mapCache.get(k);
    if (cached !== undefined) return cached;
    const listing = this.catalog.findListing(platform, ref);
    const id = listing?.productId ?? this.q.mapping.get(platform, ref.skuId)?.product_id ?? null;
    this.mapCache.set(k, id);
    return id;
  }

  /**
   * Upserts lines (whole orders: every line of an order in one call). Must run inside a
   * transaction the caller commits; the caller then passes the result to the live figures.
   */
  ingestInTransaction(lines: readonly OrderLine[], now = Date.now()): IngestResult {
    this.showDates = new Map(this.q.shows.all().map((s) => [s.show_date, s.id]));
    const result: IngestResult = {
      written: 0,
      stale: 0,
      unmapped: 0,
      delta: new SalesDelta(),
      stockChanged: new Set(),
      lines: [],
    };
    const stock = new Map<number, number>();
    const rawDone = new Set<string>();
    // Order-level counting: was any line of this delivery of the order counted before, is any after?
    // A delivery is a run of consecutive lines of one order (adapters emit whole orders).
    type Run = {
      key: string;
      platform: SyncedPlatform;
      lineIds: Set<string>;
      before: Cell | null;
      after: Cell | null;
    };
    let run = null as Run | null;
    const flushRun = () => {
      if (!run) return;
      const { before, after, platform } = run;
      if (before && after && before.showId === after.showId && before.minute === after.minute) return;
      if (before) result.delta.addOrder({ ...before, platform }, -1);
      if (after) result.delta.addOrder({ ...after, platform }, 1);
    };
    for (const line of lines) {
      const okey = `${line.platform}\u0000${line.shopId}\u0000${line.orderId}`;
      // A repeated line id means the same order delivered again back to back: a new delivery.
      if (run?.key !== okey || run.lineIds.has(line.lineId)) {
        flushRun();
        run = { key: okey, platform: line.platform, lineIds: new Set(), before: null, after: null };
      }
      run.lineIds.add(line.lineId);
      const order = run;
      const prev = this.q.get.get(line.platform, line.shopId, line.orderId, line.lineId);
      if (prev && counts(prev.status, prev.refund_state))
        order.before ??= { showId: prev.show_id, minute: prev.minute };
      if (prev && line.updatedAt < prev.updated_at) {
        result.stale++;
        if (counts(prev.status, prev.refund_state))
          order.after ??= { showId: prev.show_id, minute: prev.minute };
        continue;
      }
      const productId = prev?.product_id ?? this.productFor(line.platform, line);
      const showId = prev?.show_id ?? this.showDates.get(beijingDate(line.createdAt)) ?? 0;
      const minute = minuteOf(line);
      const nowCounts = counts(line.status, line.refundState);
      const stockTaken = nowCounts && productId !== null ? line.quantity : 0;
      const cellOf = (pid: number | null, m: number, s: number) => ({
        showId: s,
        platform: line.platform,
        productId: pid ?? 0,
        minute: m,
      });
      if (prev && counts(prev.status, prev.refund_state)) {
        result.delta.addLine(
          cellOf(prev.product_id, prev.minute, prev.show_id),
          -1,
          prev.quantity,
          prev.paid_fen,
        );
      }
      if (nowCounts) result.delta.addLine(cellOf(productId, minute, showId), 1, line.quantity, line.paidFen);
      const wasRefunded = prev?.refund_state === 'refunded' && prev.paid_at !== null;
      const isRefunded = line.refundState === 'refunded' && line.paidAt !== null;
      if (wasRefunded)
        result.delta.addRefund(cellOf(prev.product_id, prev.minute, prev.show_id), -prev.paid_fen);
      if (isRefunded) result.delta.addRefund(cellOf(productId, minute, showId), line.paidFen);
      if (nowCounts) order.after ??= { showId, minute };
      const stockDelta = stockTaken - (prev?.stock_taken ?? 0);
      if (stockDelta !== 0 && productId !== null)
        stock.set(productId, (stock.get(productId) ?? 0) + stockDelta);
      this.q.upsert.run({ ...line, productId, showId, minute, stockTaken, receivedAt: now });
      if (!rawDone.has(okey)) {
        rawDone.add(okey);
        this.q.raw.run(line.platform, line.shopId, line.orderId, line.updatedAt, line.raw);
      }
      result.written++;
      if (productId === null) result.unmapped++;
      result.lines.push({ ...line, productId });
    }
    flushRun();
    for (const [productId, taken] of stock) {
      if (taken === 0) continue;
      this.catalog.adjustStock(productId, -taken);
      result.stockChanged.add(productId);
    }
    this.writeDelta(result.delta);
    return result;
  }

  /** Writes aggregate deltas (inside the caller's transaction). */
  writeDelta(delta: SalesDelta): void {
    for (const c of delta.cells.values()) {
      if (c.lines !== 0 || c.units !== 0 || c.gmvFen !== 0 || c.refundedFen !== 0) this.q.cell.run(c);
    }
    for (const o of delta.orderCounts.values()) if (o.orders !== 0) this.q.orderCount.run(o);
  }
}
