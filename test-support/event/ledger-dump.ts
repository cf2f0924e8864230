import type Database from 'better-sqlite3';

/** What two machines' ledgers must agree on: every line version, the figures, stock, and whose shop each line is. */
export interface LedgerDump {
  /** One string per stored line: key and version. Sorted. */
  lines: string[];
  /** Aggregates by platform and product: lines, units, GMV, refunded. Sorted. */
  cells: string[];
  /** Orders counted, by platform. Sorted. */
  orders: string[];
  /** Stock per product (id order). */
  stock: number[];
  /** Booth of each shop (platform/shop → booth). Sorted. */
  shops: string[];
}

export function ledgerDump(db: Database.Database, eventId: string): LedgerDump {
  const lines = db
    .prepare<[], { k: string }>(
      `SELECT platform || '/' || shop_id || '/' || order_id || '/' || line_id || ' ' || status || ' ' ||
         refund_state || ' ' || quantity || ' ' || paid_fen || ' ' || updated_at || ' ' || coalesce(product_id, '-') AS k
       FROM order_line ORDER BY 1`,
    )
    .all()
    .map((r) => r.k);
  const cells = db
    .prepare<[], { k: string }>(
      `SELECT platform || '/' || product_id || ' ' || sum(lines) || ' ' || sum(units) || ' ' || sum(gmv_fen) || ' ' ||
         sum(refunded_fen) AS k
       FROM sales_minute GROUP BY platform, product_id
       HAVING sum(lines) <> 0 OR sum(units) <> 0 OR sum(gmv_fen) <> 0 OR sum(refunded_fen) <> 0 ORDER BY 1`,
    )
    .all()
    .map((r) => r.k);
  const orders = db
    .prepare<[], { k: string }>(
      `SELECT platform || ' ' || sum(orders) AS k FROM sales_order_minute GROUP BY platform HAVING sum(orders) <> 0 ORDER BY 1`,
    )
    .all()
    .map((r) => r.k);
  const stock = db
    .prepare<[], { stock: number }>('SELECT stock FROM product ORDER BY id')
    .all()
    .map((r) => r.stock);
  const shops = db
    .prepare<[string], { k: string }>(
      `SELECT platform || '/' || shop_id || ' ' || booth AS k FROM event_shop WHERE event_id = ? ORDER BY 1`,
    )
    .all(eventId)
    .map((r) => r.k);
  return { lines, cells, orders, stock, shops };
}
