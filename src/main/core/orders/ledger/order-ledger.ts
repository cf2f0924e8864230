import type Database from 'better-sqlite3';
import type { SyncedPlatform } from '@shared/api/domains/shelf';
import type { ShelfReader } from '../../shelf';
import type { OrderLine, OrderStatus, RefundState } from '../order-record';
import { packRaw, unpackRaw, type PackedRaw, type RawCodec } from './raw-pack';
import { SalesDelta } from './sales-delta';
import { attributionTime, showAt, type ShowWindow } from './show-windows';

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

/** An order_line row as bound: positional, in LINE_COLUMNS order. */
type LineRow = [
  platform: string,
  shopId: string,
  orderId: string,
  lineId: string,
  status: OrderStatus,
  refundState: RefundState,
  itemId: string,
  skuId: string,
  outerSku: string,
  title: string,
  quantity: number,
  paidFen: number,
  createdAt: number,
  paidAt: number | null,
  updatedAt: number,
  productId: number | null,
  showId: number,
  minute: number,
  stockTaken: number,
  receivedAt: number,
  rawPage: number,
  rawIndex: number,
  remote: 0 | 1,
];
export const LINE_COLUMNS = `platform, shop_id, order_id, line_id, status, refund_state, item_id, sku_id, outer_sku, title,
  quantity, paid_fen, created_at, paid_at, updated_at, product_id, show_id, minute, stock_taken, received_at,
  raw_page, raw_index, remote`;
export const LINE_VALUES = Array.from({ length: 23 }, () => '?').join(', ');

/**
 * Aggregate cells per upsert statement: a transaction's few hundred cells go in a handful of calls
 * (binding flat values costs far less than a JSON array that each column re-parses).
 */
const CELLS_PER_STATEMENT = 64;

/** How many of an ingest's newest lines the live feed gets. */
export const FEED_LINES = 50;

/** A page's lines as deliveries of their orders' JSON (see rawDeliveries), packed ahead if it could be. */
export interface RawDeliveries {
  /** Each delivery's JSON as received, in order. */
  raws: string[];
  /** Line i's delivery: its place in `raws`. */
  deliveryOf: number[];
  packed?: PackedRaw;
}

/**
 * A delivery is a run of consecutive lines of one order (adapters emit whole orders); a repeated
 * line id means the same order delivered again back to back. Each delivery's JSON goes in once.
 */
export function rawDeliveries(lines: readonly OrderLine[]): RawDeliveries {
  const raws: string[] = [];
  const deliveryOf: number[] = [];
  // Line ids of the delivery being read (an order has a handful of lines: a list beats a set).
  let lastLineIds: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const prevLine = lines[i - 1];
    const sameOrder =
      prevLine !== undefined &&
      prevLine.orderId === line.orderId &&
      prevLine.shopId === line.shopId &&
      prevLine.platform === line.platform;
    if (!sameOrder || lastLineIds.includes(line.lineId)) {
      raws.push(line.raw);
      lastLineIds = [];
    }
    lastLineIds.push(line.lineId);
    deliveryOf.push(raws.length - 1);
  }
  return { raws, deliveryOf };
}

/** What one ingest did to its own lines. */
export interface IngestResult {
  /** Lines written (new, or a newer-or-equal version). */
  written: number;
  /** Lines ignored because the stored version is newer. */
  stale: number;
  /** Written lines whose SKU maps to no shelf product. */
  unmapped: number;
  /** The last FEED_LINES lines written (oldest first), with the product they map to, for the live feed. */
  lines: (OrderLine & { productId: number | null })[];
}

/**
 * What ingests change besides their lines, summed over every ingest of one transaction and
 * written once at its end: aggregate cells, and stock per product (negative: taken by paid lines).
 */
export class IngestEffects {
  readonly delta = new SalesDelta();
  readonly stock = new Map<number, number>();
}

/** Paid (and not refunded) lines count in figures and hold stock; unpaid and cancelled ones do not. */
export const counts = (status: OrderStatus, refund: RefundState): boolean =>
  (status === 'paid' || status === 'shipped' || status === 'completed') && refund !== 'refunded';

type Cell = { showId: number; minute: number };

const cellOf = (platform: SyncedPlatform, productId: number | null, minute: number, showId: number) => ({
  showId,
  platform,
  productId: productId ?? 0,
  minute,
});

/** How far along its life a line is: of two versions stamped in the same second, the later stage is the newer. */
const STAGE: Record<OrderStatus, number> = { unpaid: 0, paid: 1, shipped: 2, completed: 3, cancelled: 4 };
const REFUND_STAGE: Record<RefundState, number> = { none: 0, requested: 1, refunded: 2 };

/**
 * Whether an incoming version is older than the stored one: an earlier update time, or the same
 * time and an earlier stage. Douyin, JD and Taobao stamp updates in whole seconds, so a payment
 * and a refund request in one second carry one time; the stage decides which came last. (A
 * stage that goes back within one second, such as a refund request withdrawn, waits for the
 * order's next update.) Equal time and stage: the same version again, or a change of the same
 * stage (an address, a remark), which replaces it.
 */
const olderThanStored = (line: OrderLine, prev: StoredLine): boolean =>
  line.updatedAt !== prev.updated_at
    ? line.updatedAt < prev.updated_at
    : (STAGE[line.status] - STAGE[prev.status] ||
        REFUND_STAGE[line.refundState] - REFUND_STAGE[prev.refund_state]) < 0;

/** Units a line takes from its product's stock: its quantity while it counts and maps to a product. */
const stockTakenBy = (line: OrderLine, nowCounts: boolean, productId: number | null): number =>
  nowCounts && productId !== null ? line.quantity : 0;

const minuteOf = (line: { paidAt: number | null; createdAt: number }): number =>
  Math.floor(attributionTime(line) / 60_000) * 60_000;

/**
 * The order ledger: idempotent upsert keyed (platform, shop, order, line) that keeps stock and the
 * sales aggregates in step inside the caller's transaction. A stored line is replaced only by a
 * version that is not older (see olderThanStored), so duplicates and out-of-order deliveries
 * change nothing.
 */
export class OrderLedger {
  private readonly q;
  /** Product answers by platform, then SKU id (see productFor). */
  private readonly mapCache = new Map<
    SyncedPlatform,
    Map<string, { itemId: string; outerSku: string; otherCode: string; productId: number | null }[]>
  >();
  /** Shows' on-air windows, re-read for every ingest (shows are few): a line counts in the show on air when it was paid. */
  private windows: ShowWindow[] = [];
  /** Aggregate-cell upserts by how many cells they write. */
  private readonly cellStatements = new Map<number, Database.Statement<unknown[]>>();

  constructor(
    private readonly db: Database.Database,
    private readonly shelf: ShelfReader,
  ) {
    this.q = {
      get: db.prepare<[string, string, string, string], StoredLine>(
        `SELECT status, refund_state, quantity, paid_fen, paid_at, updated_at, product_id, show_id, minute, stock_taken
         FROM order_line WHERE platform = ? AND shop_id = ? AND order_id = ? AND line_id = ?`,
      ),
      // New lines (the common case): one insert, no read. A conflict means the line exists: read it.
      insertNew: db.prepare<LineRow>(
        `INSERT INTO order_line (${LINE_COLUMNS}) VALUES (${LINE_VALUES})
         ON CONFLICT (platform, shop_id, order_id, line_id) DO NOTHING`,
      ),
      upsert: db.prepare<LineRow>(
        `INSERT INTO order_line (${LINE_COLUMNS}) VALUES (${LINE_VALUES})
         ON CONFLICT (platform, shop_id, order_id, line_id) DO UPDATE SET
           status = excluded.status, refund_state = excluded.refund_state, item_id = excluded.item_id,
           sku_id = excluded.sku_id, outer_sku = excluded.outer_sku, title = excluded.title,
           quantity = excluded.quantity, paid_fen = excluded.paid_fen, created_at = excluded.created_at,
           paid_at = excluded.paid_at, updated_at = excluded.updated_at, product_id = excluded.product_id,
           show_id = excluded.show_id, minute = excluded.minute, stock_taken = excluded.stock_taken,
           received_at = excluded.received_at, raw_page = excluded.raw_page, raw_index = excluded.raw_index,
           remote = excluded.remote`,
      ),
      rawPage: db.prepare<[string, string, number, RawCodec, number, Buffer]>(
        `INSERT INTO order_raw_page (platform, shop_id, received_at, codec, orders, body) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      rawOf: db.prepare<[string, string, string], { raw_index: number; codec: RawCodec; body: Buffer }>(
        `SELECT l.raw_index, p.codec, p.body FROM order_line l JOIN order_raw_page p ON p.id = l.raw_page
         WHERE l.platform = ? AND l.shop_id = ? AND l.order_id = ? LIMIT 1`,
      ),
      orderCount: db.prepare(
        `INSERT INTO sales_order_minute (show_id, platform, minute, orders) VALUES (@showId, @platform, @minute, @orders)
         ON CONFLICT (show_id, platform, minute) DO UPDATE SET orders = orders + excluded.orders`,
      ),
      mapping: db.prepare<[string, string], { product_id: number }>(
        'SELECT product_id FROM sku_mapping WHERE platform = ? AND sku_id = ?',
      ),
    };
  }

  /** Forget cached SKU → product answers (the shelf's listings or the operator's mappings changed). */
  invalidateMappings(): void {
    this.mapCache.clear();
  }

  /**
   * Which shelf product a line is, or null: shelf listings first (by SKU id, item id, then either
   * merchant code: the SKU-level one, then the platform's other), then the operator's mappings.
   */
  productFor(
    platform: SyncedPlatform,
    ref: { skuId: string; itemId: string; outerSku: string; otherCode?: string },
  ): number | null {
    const otherCode = ref.otherCode ?? '';
    // Cached by platform and SKU id, then item id and outer SKU among that SKU's few answers:
    // called for every line, so no key string is built.
    let bySku = this.mapCache.get(platform);
    if (!bySku) this.mapCache.set(platform, (bySku = new Map()));
    let answers = bySku.get(ref.skuId);
    if (!answers) bySku.set(ref.skuId, (answers = []));
    for (const a of answers)
      if (a.itemId === ref.itemId && a.outerSku === ref.outerSku && a.otherCode === otherCode)
        return a.productId;
    const listing =
      this.shelf.findListing(platform, ref) ??
      (otherCode && otherCode !== ref.outerSku
        ? this.shelf.findListing(platform, { outerSku: otherCode })
        : undefined);
    const productId = listing?.productId ?? this.q.mapping.get(platform, ref.skuId)?.product_id ?? null;
    answers.push({ itemId: ref.itemId, outerSku: ref.outerSku, otherCode, productId });
    return productId;
  }

  /**
   * Upserts lines (whole orders: every line of an order in one call), adding what they change in
   * figures and stock to `effects`. Must run inside a transaction the caller commits after
   * `writeEffects`; the caller then passes the effects to the live figures.
   *
   * `remote`: lines another booth of the event sold (projected from the event's stream). They
   * count in the figures of everything and take stock like any line, but belong to no show of
   * this studio (show 0): a show's figures are the studio's own sales during its window.
   */
  ingestInTransaction(
    lines: readonly OrderLine[],
    effects: IngestEffects,
    now = Date.now(),
    page: RawDeliveries = rawDeliveries(lines),
    remote = false,
  ): IngestResult {
    this.windows = this.shelf.onAirWindows();
    const result: IngestResult = { written: 0, stale: 0, unmapped: 0, lines: [] };
    const { delta, stock } = effects;
    // Lines written, by index, and their products: the feed needs only the newest few.
    const writtenAt: number[] = [];
    const writtenProduct: (number | null)[] = [];
    const { raws, deliveryOf } = page;
    let rawPage = 0;
    if (lines.length > 0) {
      const { codec, body } = page.packed ?? packRaw(raws);
      rawPage = Number(
        this.q.rawPage.run(lines[0]!.platform, lines[0]!.shopId, now, codec, raws.length, body)
          .lastInsertRowid,
      );
    }
    // Order-level counting: was any line of this delivery of the order counted before, is any after?
    type Run = { platform: SyncedPlatform; before: Cell | null; after: Cell | null };
    let run = null as Run | null;
    const flushRun = () => {
      if (!run) return;
      const { before, after, platform } = run;
      if (before && after && before.showId === after.showId && before.minute === after.minute) return;
      if (before) delta.addOrder({ ...before, platform }, -1);
      if (after) delta.addOrder({ ...after, platform }, 1);
    };
    const row = (
      line: OrderLine,
      productId: number | null,
      showId: number,
      minute: number,
      stockTaken: number,
      rawIndex: number,
    ): LineRow => [
      line.platform,
      line.shopId,
      line.orderId,
      line.lineId,
      line.status,
      line.refundState,
      line.itemId,
      line.skuId,
      line.outerSku,
      line.title,
      line.quantity,
      line.paidFen,
      line.createdAt,
      line.paidAt,
      line.updatedAt,
      productId,
      showId,
      minute,
      stockTaken,
      now,
      rawPage,
      rawIndex,
      remote ? 1 : 0,
    ];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (i === 0 || deliveryOf[i] !== deliveryOf[i - 1]) {
        flushRun();
        run = { platform: line.platform, before: null, after: null };
      }
      const order = run!;
      const minute = minuteOf(line);
      const nowCounts = counts(line.status, line.refundState);
      // First try it as a new line; only a line already stored needs reading and comparing.
      const mapped = this.productFor(line.platform, line);
      // The show on air at the line's pay time (create time while unpaid): a paid version can move it.
      const showOfTime = remote ? 0 : showAt(this.windows, attributionTime(line));
      const inserted =
        this.q.insertNew.run(
          ...row(line, mapped, showOfTime, minute, stockTakenBy(line, nowCounts, mapped), deliveryOf[i]!),
        ).changes === 1;
      const prev = inserted
        ? undefined
        : this.q.get.get(line.platform, line.shopId, line.orderId, line.lineId)!;
      // Whether the stored version counted in the figures (read once, used up to three times).
      const prevCounts = prev !== undefined && counts(prev.status, prev.refund_state);
      if (prev) {
        if (prevCounts) order.before ??= { showId: prev.show_id, minute: prev.minute };
        if (olderThanStored(line, prev)) {
          result.stale++;
          if (prevCounts) order.after ??= { showId: prev.show_id, minute: prev.minute };
          continue;
        }
      }
      const productId = prev ? (prev.product_id ?? mapped) : mapped;
      const showId = showOfTime;
      const stockTaken = stockTakenBy(line, nowCounts, productId);
      if (prev && prevCounts) {
        delta.addLine(
          cellOf(line.platform, prev.product_id, prev.minute, prev.show_id),
          -1,
          prev.quantity,
          prev.paid_fen,
        );
      }
      if (nowCounts)
        delta.addLine(cellOf(line.platform, productId, minute, showId), 1, line.quantity, line.paidFen);
      const wasRefunded = prev?.refund_state === 'refunded' && prev.paid_at !== null;
      const isRefunded = line.refundState === 'refunded' && line.paidAt !== null;
      if (wasRefunded)
        delta.addRefund(cellOf(line.platform, prev.product_id, prev.minute, prev.show_id), -prev.paid_fen);
      if (isRefunded) delta.addRefund(cellOf(line.platform, productId, minute, showId), line.paidFen);
      if (nowCounts) order.after ??= { showId, minute };
      const moreTaken = stockTaken - (prev?.stock_taken ?? 0);
      if (moreTaken !== 0 && productId !== null)
        stock.set(productId, (stock.get(productId) ?? 0) - moreTaken);
      if (prev) this.q.upsert.run(...row(line, productId, showId, minute, stockTaken, deliveryOf[i]!));
      result.written++;
      if (productId === null) result.unmapped++;
      writtenAt.push(i);
      writtenProduct.push(productId);
    }
    flushRun();
    for (let k = Math.max(0, writtenAt.length - FEED_LINES); k < writtenAt.length; k++)
      result.lines.push({ ...lines[writtenAt[k]!]!, productId: writtenProduct[k]! });
    return result;
  }

  /** Writes what a transaction's ingests changed in aggregates and stock; returns the products whose stock moved. */
  writeEffects(effects: IngestEffects): number[] {
    this.writeDelta(effects.delta);
    return this.shelf.adjustStocks(effects.stock);
  }

  /** The platform's JSON of an order's newest stored version, as received; undefined if unknown. */
  rawOf(platform: SyncedPlatform, shopId: string, orderId: string): string | undefined {
    const r = this.q.rawOf.get(platform, shopId, orderId);
    return r && unpackRaw(r.codec, r.body)[r.raw_index];
  }

  /** Writes aggregate deltas (inside the caller's transaction). */
  writeDelta(delta: SalesDelta): void {
    // Cells go in CELLS_PER_STATEMENT at a time, their values bound flat: one call per chunk.
    const values: (number | string)[] = [];
    let n = 0;
    for (const c of delta.cells) {
      if (c.lines === 0 && c.units === 0 && c.gmvFen === 0 && c.refundedFen === 0) continue;
      values.push(c.showId, c.platform, c.productId, c.minute, c.lines, c.units, c.gmvFen, c.refundedFen);
      if (++n === CELLS_PER_STATEMENT) {
        this.cellsStatement(n).run(values);
        values.length = n = 0;
      }
    }
    if (n > 0) this.cellsStatement(n).run(values);
    for (const o of delta.orderCounts) if (o.orders !== 0) this.q.orderCount.run(o);
  }

  /** The upsert of `n` aggregate cells in one statement (prepared once per size). */
  private cellsStatement(n: number): Database.Statement<unknown[]> {
    let st = this.cellStatements.get(n);
    if (!st) {
      st = this.db.prepare(
        `INSERT INTO sales_minute (show_id, platform, product_id, minute, lines, units, gmv_fen, refunded_fen)
         VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
         ON CONFLICT (show_id, platform, product_id, minute) DO UPDATE SET
           lines = lines + excluded.lines, units = units + excluded.units,
           gmv_fen = gmv_fen + excluded.gmv_fen, refunded_fen = refunded_fen + excluded.refunded_fen`,
      );
      this.cellStatements.set(n, st);
    }
    return st;
  }
}
