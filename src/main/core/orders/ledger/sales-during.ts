import type Database from 'better-sqlite3';

/**
 * A stretch of time one product was on air (show day's on-air log makes them), UTC ms, start
 * inclusive, end exclusive.
 */
export interface ProductInterval {
  productId: number;
  start: number;
  end: number;
}

export interface AirSales {
  units: number;
  gmvFen: number;
}

/** Each counted order line of the show joined to the interval its product was on air in. */
export const SALES_DURING_SQL = `SELECT iv.i AS i, sum(o.quantity) AS units, sum(o.paid_fen) AS gmv
         FROM order_line o CROSS JOIN temp.on_air_interval iv
           ON iv.product_id = o.product_id
          AND iv.start <= coalesce(o.paid_at, o.created_at)
          AND iv.stop > coalesce(o.paid_at, o.created_at)
         WHERE o.show_id = ?
           AND o.status IN ('paid', 'shipped', 'completed') AND o.refund_state <> 'refunded'
         GROUP BY iv.i`;

/**
 * Sales of each interval's own product paid during the interval (start inclusive, end exclusive),
 * joined in one pass over the show's order lines. Counted lines are the ledger's: paid, shipped or
 * completed and not refunded; the time is when it was paid (created, if the platform gave no pay time).
 * The intervals go into an indexed temporary table so each order line finds its interval by an index
 * seek: a six-hour show of 330,000 orders is one scan, not one scan per cue.
 * Returns one entry per interval, in the order given.
 */
export function salesDuring(
  db: Database.Database,
  showId: number,
  intervals: readonly ProductInterval[],
): AirSales[] {
  if (intervals.length === 0) return [];
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS on_air_interval (i INTEGER NOT NULL, product_id INTEGER NOT NULL,
      start INTEGER NOT NULL, stop INTEGER NOT NULL) STRICT;
    CREATE INDEX IF NOT EXISTS temp.on_air_interval_product ON on_air_interval (product_id, start);
  `);
  return db.transaction(() => {
    db.prepare('DELETE FROM temp.on_air_interval').run();
    const insert = db.prepare(
      'INSERT INTO temp.on_air_interval (i, product_id, start, stop) VALUES (?, ?, ?, ?)',
    );
    intervals.forEach((v, i) => insert.run(i, v.productId, v.start, v.end));
    const rows = db
      .prepare<[number], { i: number; units: number; gmv: number }>(SALES_DURING_SQL)
      .all(showId);
    db.prepare('DELETE FROM temp.on_air_interval').run();
    const byIndex = new Map(rows.map((r) => [r.i, { units: r.units, gmvFen: r.gmv }]));
    return intervals.map((_, i) => byIndex.get(i) ?? { units: 0, gmvFen: 0 });
  })();
}
