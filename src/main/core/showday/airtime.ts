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

/**
 * Sales of each interval's own product paid during the interval (start inclusive, end exclusive),
 * joined in one pass over the show's order lines. Counted lines are the ledger's: paid, shipped or
 * completed and not refunded; the time is when it was paid (created, if the platform gave no pay time).
 * Returns one entry per interval, in the order given.
 */
export function salesDuring(
  db: Database.Database,
  showId: number,
  intervals: readonly AirInterval[],
): AirSales[] {
  if (intervals.length === 0) return [];
  const rows = db
    .prepare<[string, number], { i: number; units: number; gmv: number }>(
      `WITH iv AS (
         SELECT key AS i, json_extract(value, '$[0]') AS product_id,
                json_extract(value, '$[1]') AS start, json_extract(value, '$[2]') AS stop
         FROM json_each(?)
       )
       SELECT iv.i AS i, coalesce(sum(o.quantity), 0) AS units, coalesce(sum(o.paid_fen), 0) AS gmv
       FROM iv JOIN order_line o
         ON o.product_id = iv.product_id
        AND coalesce(o.paid_at, o.created_at) >= iv.start
        AND coalesce(o.paid_at, o.created_at) < iv.stop
       WHERE o.show_id = ?
         AND o.status IN ('paid', 'shipped', 'completed') AND o.refund_state <> 'refunded'
       GROUP BY iv.i`,
    )
    .all(JSON.stringify(intervals.map((v) => [v.productId, v.start, v.end])), showId);
  const byIndex = new Map(rows.map((r) => [r.i, { units: r.units, gmvFen: r.gmv }]));
  return intervals.map((_, i) => byIndex.get(i) ?? { units: 0, gmvFen: 0 });
}
