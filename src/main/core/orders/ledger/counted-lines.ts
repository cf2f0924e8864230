import type Database from 'better-sqlite3';

/** Lines that count in figures: paid, shipped or completed, and not refunded (as the ledger counts them). */
const COUNTED = `status IN ('paid', 'shipped', 'completed') AND refund_state <> 'refunded'`;

/** One counted order line, for figures sliced by what only another area knows (booths, origins). */
export interface CountedLine {
  platform: string;
  shopId: string;
  orderId: string;
  /** The shelf product the line maps to; null while unmapped. */
  productId: number | null;
  skuId: string;
  title: string;
  quantity: number;
  paidFen: number;
}

/** Where a page of counted lines ended: the last line's key (the ledger's primary key). */
export interface CountedLineCursor {
  platform: string;
  shopId: string;
  orderId: string;
  lineId: string;
}

/**
 * Up to `limit` counted lines after `after` (from the first without), in key order, and where the
 * page ended (null: no more). Pages read in turns visit every line once, whatever is written
 * between them; a line changed between two pages counts as it was when its page was read.
 */
export function countedLinesPage(
  db: Database.Database,
  after: CountedLineCursor | null,
  limit: number,
): { lines: CountedLine[]; next: CountedLineCursor | null } {
  const columns = `platform, shop_id AS shopId, order_id AS orderId, line_id AS lineId,
    product_id AS productId, sku_id AS skuId, title, quantity, paid_fen AS paidFen`;
  const order = 'ORDER BY platform, shop_id, order_id, line_id LIMIT ?';
  type Row = CountedLine & { lineId: string };
  // Two statements, not one with an OR: after a cursor the page starts with a seek on the key.
  const rows = after
    ? db
        .prepare<[string, string, string, string, number], Row>(
          `SELECT ${columns} FROM order_line
           WHERE (platform, shop_id, order_id, line_id) > (?, ?, ?, ?) AND ${COUNTED} ${order}`,
        )
        .all(after.platform, after.shopId, after.orderId, after.lineId, limit)
    : db.prepare<[number], Row>(`SELECT ${columns} FROM order_line WHERE ${COUNTED} ${order}`).all(limit);
  const last = rows.at(-1);
  return {
    lines: rows,
    next:
      rows.length < limit || !last
        ? null
        : { platform: last.platform, shopId: last.shopId, orderId: last.orderId, lineId: last.lineId },
  };
}

/**
 * A show's GMV (fen) from its counted lines, read through the order_line_show index. In event
 * mode a show's lines are this studio's own: lines other booths sold reach the ledger in no show.
 */
export const SHOW_GMV_SQL = `SELECT coalesce(sum(paid_fen), 0) AS gmv FROM order_line WHERE show_id = ? AND ${COUNTED}`;

export function showGmvFen(db: Database.Database, showId: number): number {
  return db.prepare<[number], { gmv: number }>(SHOW_GMV_SQL).get(showId)!.gmv;
}

/** Units the ledger has taken from these products' stock (every order line's `stock_taken`). */
export function stockTakenOf(db: Database.Database, productIds: readonly number[]): number {
  if (productIds.length === 0) return 0;
  return db
    .prepare<[string], { taken: number }>(
      `SELECT coalesce(sum(stock_taken), 0) AS taken FROM order_line
       WHERE product_id IN (SELECT value FROM json_each(?))`,
    )
    .get(JSON.stringify(productIds))!.taken;
}
