import type Database from 'better-sqlite3';
import type { UnmappedSku } from '@shared/api/domains/orders';
import type { SyncedPlatform } from '@shared/api/domains/shelf';
import type { ShelfReader } from '../../shelf';
import type { OrderStatus, RefundState } from '../order-record';
import { counts } from './order-ledger';
import { SalesDelta } from './sales-delta';

/** What the ledger maps a waiting line by. */
export interface WaitingRef {
  platform: SyncedPlatform;
  skuId: string;
  itemId: string;
  outerSku: string;
}

export interface ResolveResult {
  lines: number;
  delta: SalesDelta;
  stockChanged: Set<number>;
}

/**
 * Order lines whose SKU maps to no shelf product. The operator resolves a SKU to a product: the
 * answer is remembered (sku_mapping, used for every later order) and the waiting lines move to
 * that product, taking stock and moving their sales from "unmapped" to the product.
 */
export class UnmappedQueue {
  constructor(
    private readonly db: Database.Database,
    private readonly shelf: ShelfReader,
  ) {}

  list(): UnmappedSku[] {
    return this.db
      .prepare<[], UnmappedSku>(
        `SELECT platform, sku_id AS skuId, max(item_id) AS itemId, max(outer_sku) AS outerSku, max(title) AS title,
           count(*) AS lines,
           sum(CASE WHEN status IN ('paid', 'shipped', 'completed') AND refund_state <> 'refunded' THEN quantity ELSE 0 END) AS units,
           sum(CASE WHEN status IN ('paid', 'shipped', 'completed') AND refund_state <> 'refunded' THEN paid_fen ELSE 0 END) AS gmvFen
         FROM order_line WHERE product_id IS NULL GROUP BY platform, sku_id ORDER BY gmvFen DESC, lines DESC`,
      )
      .all();
  }

  /** Remembers the mapping and moves waiting lines; run inside a transaction, then publish the delta. */
  resolveInTransaction(platform: SyncedPlatform, skuId: string, productId: number): ResolveResult {
    this.db
      .prepare(
        `INSERT INTO sku_mapping (platform, sku_id, product_id, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (platform, sku_id) DO UPDATE SET product_id = excluded.product_id, created_at = excluded.created_at`,
      )
      .run(platform, skuId, productId, Date.now());
    return this.moveInTransaction({ platform, skuId }, productId);
  }

  /**
   * The distinct references of waiting lines (at most `limit`), as the ledger maps a line: read
   * from the waiting lines' own index, whatever the size of the ledger.
   */
  waitingRefs(limit = 500): WaitingRef[] {
    return this.db
      .prepare<[number], WaitingRef>(
        `SELECT DISTINCT platform, sku_id AS skuId, item_id AS itemId, outer_sku AS outerSku
         FROM order_line WHERE product_id IS NULL LIMIT ?`,
      )
      .all(limit);
  }

  /**
   * Moves the waiting lines of one reference (a SKU; with item and outer code, exactly those) to a
   * product, taking stock and moving their sales; run inside a transaction, then publish the delta.
   */
  moveInTransaction(
    ref: { platform: SyncedPlatform; skuId: string; itemId?: string; outerSku?: string },
    productId: number,
  ): ResolveResult {
    const { platform, skuId } = ref;
    const rows = this.db
      .prepare<
        [{ platform: string; skuId: string; itemId: string | null; outerSku: string | null }],
        {
          order_id: string;
          shop_id: string;
          line_id: string;
          status: OrderStatus;
          refund_state: RefundState;
          quantity: number;
          paid_fen: number;
          paid_at: number | null;
          show_id: number;
          minute: number;
        }
      >(
        `SELECT order_id, shop_id, line_id, status, refund_state, quantity, paid_fen, paid_at, show_id, minute
         FROM order_line WHERE platform = @platform AND sku_id = @skuId AND product_id IS NULL
           AND (@itemId IS NULL OR item_id = @itemId) AND (@outerSku IS NULL OR outer_sku = @outerSku)`,
      )
      .all({ platform, skuId, itemId: ref.itemId ?? null, outerSku: ref.outerSku ?? null });
    const update = this.db.prepare(
      `UPDATE order_line SET product_id = ?, stock_taken = ?
       WHERE platform = ? AND shop_id = ? AND order_id = ? AND line_id = ?`,
    );
    const delta = new SalesDelta();
    let taken = 0;
    for (const r of rows) {
      const counted = counts(r.status, r.refund_state);
      const from = { showId: r.show_id, platform, productId: 0, minute: r.minute };
      const to = { ...from, productId };
      if (counted) {
        delta.addLine(from, -1, r.quantity, r.paid_fen);
        delta.addLine(to, 1, r.quantity, r.paid_fen);
        taken += r.quantity;
      }
      if (r.refund_state === 'refunded' && r.paid_at !== null) {
        delta.addRefund(from, -r.paid_fen);
        delta.addRefund(to, r.paid_fen);
      }
      update.run(productId, counted ? r.quantity : 0, platform, r.shop_id, r.order_id, r.line_id);
    }
    const stockChanged = new Set(this.shelf.adjustStocks(new Map([[productId, -taken]])));
    return { lines: rows.length, delta, stockChanged };
  }
}
