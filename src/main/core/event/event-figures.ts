import type Database from 'better-sqlite3';
import type { EventFigures } from '@shared/api/domains/event';
import type { BoothLiveState } from './event-link';

/** A booth unheard for this long is shown offline (heartbeats come every 2 s). */
export const OFFLINE_AFTER_MS = 10_000;

/** Lines that count in figures (paid, shipped or completed, not refunded): as the ledger counts them. */
const COUNTED = `l.status IN ('paid', 'shipped', 'completed') AND l.refund_state <> 'refunded'`;

/**
 * The event's big screen from this machine's ledger (which holds every booth's lines): totals
 * and slices by booth (the shop's booth; a shop no booth claimed is '?'), county, city, platform,
 * the top products, and each booth's live state with when it was last heard.
 */
export function eventFigures(
  db: Database.Database,
  eventId: string,
  booths: readonly BoothLiveState[],
  now: number,
  top = 10,
): EventFigures {
  const slice = (keyExpr: string, limit = 1_000) =>
    db
      .prepare<[string], { key: string; orders: number; units: number; gmvFen: number; name: string }>(
        `SELECT ${keyExpr} AS key, count(DISTINCT l.platform || '/' || l.shop_id || '/' || l.order_id) AS orders,
           sum(l.quantity) AS units, sum(l.paid_fen) AS gmvFen, max(coalesce(p.name_zh, l.title)) AS name
         FROM order_line l
         LEFT JOIN product p ON p.id = l.product_id
         LEFT JOIN event_shop s ON s.event_id = ? AND s.platform = l.platform AND s.shop_id = l.shop_id
         WHERE ${COUNTED}
         GROUP BY 1 ORDER BY gmvFen DESC, key LIMIT ${limit}`,
      )
      .all(eventId);
  const plain = (rows: ReturnType<typeof slice>) =>
    rows.map(({ key, orders, units, gmvFen }) => ({ key: String(key), orders, units, gmvFen }));
  const totals = db
    .prepare<[], { orders: number; units: number; gmvFen: number }>(
      `SELECT count(DISTINCT l.platform || '/' || l.shop_id || '/' || l.order_id) AS orders,
         coalesce(sum(l.quantity), 0) AS units, coalesce(sum(l.paid_fen), 0) AS gmvFen
       FROM order_line l WHERE ${COUNTED}`,
    )
    .get()!;
  return {
    eventId,
    at: now,
    totals,
    byBooth: plain(slice(`coalesce(s.booth, '?')`)),
    byCounty: plain(slice(`coalesce(p.origin_county, '')`)),
    byCity: plain(slice(`coalesce(p.origin_city, '')`)),
    byPlatform: plain(slice('l.platform')),
    topProducts: slice(`coalesce(p.outer_sku, l.sku_id)`, top).map(
      ({ key, orders, units, gmvFen, name }) => ({
        key: String(key),
        orders,
        units,
        gmvFen,
        name,
      }),
    ),
    booths: [...booths]
      .sort((a, b) => a.booth.localeCompare(b.booth))
      .map((b) => ({
        booth: b.booth,
        onAir: b.onAir,
        onAirSince: b.onAirSince,
        countdownEnd: b.countdownEnd,
        showGmvFen: b.showGmvFen,
        lastHeard: b.at,
        online: now - b.at < OFFLINE_AFTER_MS,
      })),
  };
}
