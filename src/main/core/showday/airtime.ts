import type Database from 'better-sqlite3';
import type { LogEntry } from '@shared/api/domains/showday';

/** One stretch of time a slot's product was on air. */
export interface AirInterval {
  slotId: number;
  productId: number;
  presenter: string;
  start: number;
  end: number;
}

/**
 * Turns the on-air log into intervals: each `on_air` line starts its slot's interval and ends the
 * one before; an `on_air` with no slot or an `end` line ends it; one still open ends at `until`.
 */
export function airIntervals(entries: readonly LogEntry[], until: number): AirInterval[] {
  const out: AirInterval[] = [];
  let open: Omit<AirInterval, 'end'> | null = null;
  const close = (at: number) => {
    if (open && at > open.start) out.push({ ...open, end: at });
    open = null;
  };
  for (const e of [...entries].sort((a, b) => a.at - b.at || a.id - b.id)) {
    if (e.action === 'end') close(e.at);
    if (e.action !== 'on_air') continue;
    close(e.at);
    if (e.slotId !== null && e.productId !== null) {
      const presenter = typeof e.detail.presenter === 'string' ? e.detail.presenter : '';
      open = { slotId: e.slotId, productId: e.productId, presenter, start: e.at };
    }
  }
  close(until);
  return out;
}

export interface AirSales {
  units: number;
  gmvFen: number;
}

/** Each counted order line of the show joined to the interval its product was on air in. */
export const SALES_DURING_SQL = `SELECT iv.i AS i, sum(o.quantity) AS units, sum(o.paid_fen) AS gmv
         FROM order_line o CROSS JOIN temp.showday_air iv
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
  intervals: readonly AirInterval[],
): AirSales[] {
  if (intervals.length === 0) return [];
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS showday_air (i INTEGER NOT NULL, product_id INTEGER NOT NULL,
      start INTEGER NOT NULL, stop INTEGER NOT NULL) STRICT;
    CREATE INDEX IF NOT EXISTS temp.showday_air_product ON showday_air (product_id, start);
  `);
  return db.transaction(() => {
    db.prepare('DELETE FROM temp.showday_air').run();
    const insert = db.prepare(
      'INSERT INTO temp.showday_air (i, product_id, start, stop) VALUES (?, ?, ?, ?)',
    );
    intervals.forEach((v, i) => insert.run(i, v.productId, v.start, v.end));
    const rows = db
      .prepare<[number], { i: number; units: number; gmv: number }>(SALES_DURING_SQL)
      .all(showId);
    db.prepare('DELETE FROM temp.showday_air').run();
    const byIndex = new Map(rows.map((r) => [r.i, { units: r.units, gmvFen: r.gmv }]));
    return intervals.map((_, i) => byIndex.get(i) ?? { units: 0, gmvFen: 0 });
  })();
}
