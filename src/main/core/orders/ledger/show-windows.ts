import type Database from 'better-sqlite3';
import { ApiFailure } from '@shared/api/errors';
import type { OnAirWindow, ShelfReader } from '../../shelf';

/**
 * A show's on-air window, UTC ms, half-open [from, to); `to` null while the show is on air. The
 * windows are the shelf's (the `show` table): the ledger reads and sets them through its port.
 */
export type ShowWindow = OnAirWindow;

/** What the ledger needs of the shelf for show windows: read them all, read them by show, set one. */
export type ShowWindows = Pick<ShelfReader, 'onAirWindows' | 'showsWithWindows' | 'setOnAirWindow'>;

/** The show whose window holds `t` (0: none). Called for every line: a binary search over sorted windows. */
export function showAt(windows: readonly ShowWindow[], t: number): number {
  let lo = 0;
  let hi = windows.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (windows[mid]!.from <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return 0;
  const w = windows[found]!;
  return w.to === null || t < w.to ? w.showId : 0;
}

/** The time an order line is attributed by: its pay time, or its create time while unpaid. */
export const attributionTime = (line: { paidAt: number | null; createdAt: number }): number =>
  line.paidAt ?? line.createdAt;

const overlaps = (a: { from: number; to: number | null }, b: { from: number; to: number | null }) =>
  (a.to === null || b.from < a.to) && (b.to === null || a.from < b.to);

export interface WindowChange {
  /** The window after the change (null: the show has none). */
  window: ShowWindow | null;
  /** Other shows whose window was closed to make room (start at a time another show was on air). */
  closed: ShowWindow[];
  /** Order lines that moved to another show. */
  moved: number;
  /** Shows whose figures were recounted (0: orders in no show). */
  recounted: number[];
}

const invalid = (detail: string, key: string, params: Record<string, string | number> = {}) =>
  new ApiFailure('bad_request', detail, { key: `showday:showWindow.errors.${key}`, params });

/**
 * Sets (or clears, with `next` null) a show's on-air window, re-attributes the ledger's order
 * lines and recounts the figures of every show that gained or lost lines. Run inside one
 * transaction (the caller's): the window, the lines and the aggregates change together.
 *
 * `closeOpenAt`: starting a show while another one is on air ends that one at this time (one
 * studio, one show on air). Otherwise a window that overlaps another show's is refused, naming it.
 */
export function setShowWindowInTransaction(
  db: Database.Database,
  shelf: ShowWindows,
  showId: number,
  next: { from: number; to: number | null } | null,
  closeOpenAt?: number,
): WindowChange {
  const shows = shelf.showsWithWindows();
  const show = shows.find((s) => s.showId === showId);
  if (!show)
    throw new ApiFailure('not_found', `Show ${showId} does not exist`, {
      key: 'showday:errors.showMissing',
      params: { showId },
    });
  if (next) {
    if (!Number.isSafeInteger(next.from) || (next.to !== null && !Number.isSafeInteger(next.to)))
      throw invalid('the on-air window needs whole millisecond times', 'notATime');
    if (next.to !== null && next.to <= next.from)
      throw invalid(`the on-air window of show ${showId} ends before it starts`, 'endBeforeStart', {
        showId,
      });
  }
  const changed = new Set<number>([showId]);
  const closed: ShowWindow[] = [];
  for (const other of shows) {
    if (other.showId === showId || other.from === null || !next) continue;
    const w = { from: other.from, to: other.to };
    if (!overlaps(w, next)) continue;
    const t = closeOpenAt;
    if (t !== undefined && w.to === null && w.from < t && next.from >= t) {
      shelf.setOnAirWindow(other.showId, w.from, t);
      closed.push({ showId: other.showId, from: w.from, to: t });
      changed.add(other.showId);
      continue;
    }
    throw new ApiFailure(
      'conflict',
      `the on-air window overlaps show ${other.showId} (${other.title}); change that show's window first`,
      {
        key: 'showday:showWindow.errors.overlap',
        params: { showId: other.showId, title: other.title, from: w.from, to: w.to ?? '' },
      },
    );
  }
  shelf.setOnAirWindow(showId, next?.from ?? null, next?.to ?? null);
  const { moved, recounted } = reattribute(db, shelf.onAirWindows(), changed);
  return {
    window: next ? { showId, from: next.from, to: next.to } : null,
    closed,
    moved,
    recounted,
  };
}

/**
 * Re-attributes the lines of the changed shows and the lines now inside their windows (this
 * studio's own: lines other booths of an event sold stay in no show), then
 * recounts the aggregates of every show that gained or lost lines from `order_line` itself.
 */
function reattribute(
  db: Database.Database,
  windows: readonly ShowWindow[],
  changed: ReadonlySet<number>,
): { moved: number; recounted: number[] } {
  const ids = [...changed];
  const mine = windows.filter((w) => changed.has(w.showId));
  const inside = mine.map(() => `(t >= ? AND (? IS NULL OR t < ?))`);
  const candidates = db
    .prepare<
      unknown[],
      { platform: string; shop_id: string; order_id: string; line_id: string; show_id: number; t: number }
    >(
      `SELECT platform, shop_id, order_id, line_id, show_id, t FROM
         (SELECT platform, shop_id, order_id, line_id, show_id, coalesce(paid_at, created_at) AS t FROM order_line
          WHERE remote = 0)
       WHERE show_id IN (${ids.map(() => '?').join(', ')})${inside.map((c) => ` OR ${c}`).join('')}`,
    )
    .all(...ids, ...mine.flatMap((w) => [w.from, w.to, w.to]));
  const update = db.prepare<[number, string, string, string, string]>(
    'UPDATE order_line SET show_id = ? WHERE platform = ? AND shop_id = ? AND order_id = ? AND line_id = ?',
  );
  const touched = new Set<number>();
  let moved = 0;
  for (const c of candidates) {
    const to = showAt(windows, c.t);
    if (to === c.show_id) continue;
    update.run(to, c.platform, c.shop_id, c.order_id, c.line_id);
    touched.add(c.show_id).add(to);
    moved++;
  }
  const recounted = [...touched].sort((a, b) => a - b);
  if (recounted.length > 0) recount(db, recounted);
  return { moved, recounted };
}

const COUNTED = `status IN ('paid', 'shipped', 'completed') AND refund_state <> 'refunded'`;

/**
 * Rebuilds the aggregates of these shows from their lines: the same cells the ledger keeps
 * incrementally (a counted line adds itself to its show, platform, product and minute; a refund of
 * a paid line adds its amount) and one order count per order, in the minute of its first line.
 */
export function recount(db: Database.Database, showIds: readonly number[]): void {
  const list = showIds.map(() => '?').join(', ');
  db.prepare(`DELETE FROM sales_minute WHERE show_id IN (${list})`).run(...showIds);
  db.prepare(`DELETE FROM sales_order_minute WHERE show_id IN (${list})`).run(...showIds);
  db.prepare(
    `INSERT INTO sales_minute (show_id, platform, product_id, minute, lines, units, gmv_fen, refunded_fen)
     SELECT show_id, platform, coalesce(product_id, 0), minute,
       sum(counted), sum(counted * quantity), sum(counted * paid_fen),
       sum(CASE WHEN refund_state = 'refunded' AND paid_at IS NOT NULL THEN paid_fen ELSE 0 END)
     FROM (SELECT *, (${COUNTED}) AS counted FROM order_line WHERE show_id IN (${list}))
     GROUP BY show_id, platform, coalesce(product_id, 0), minute
     HAVING sum(counted) <> 0 OR sum(CASE WHEN refund_state = 'refunded' AND paid_at IS NOT NULL THEN paid_fen ELSE 0 END) <> 0`,
  ).run(...showIds);
  db.prepare(
    `INSERT INTO sales_order_minute (show_id, platform, minute, orders)
     SELECT show_id, platform, minute, count(*) FROM
       (SELECT show_id, platform, min(minute) AS minute FROM order_line
        WHERE show_id IN (${list}) AND ${COUNTED} GROUP BY show_id, platform, shop_id, order_id)
     GROUP BY show_id, platform, minute`,
  ).run(...showIds);
}
