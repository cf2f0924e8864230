import type Database from 'better-sqlite3';
import type { BoothLiveState } from './event-link';

/** What the studio has on air, as its areas tell it (the studio's wiring reads their ports). */
export interface BoothOnAirNow {
  /** The show on air (its on-air window opened), whose GMV the booth reports; null: none. */
  showId: number | null;
  onAir: BoothLiveState['onAir'];
  onAirSince: number | null;
  /** The end of a running countdown (flash sale); null when none runs. */
  countdownEnd: number | null;
}

export const nothingOnAir = (): BoothOnAirNow => ({
  showId: null,
  onAir: null,
  onAirSince: null,
  countdownEnd: null,
});

/**
 * The GMV (fen) of this booth's show: its counted lines (paid, shipped or completed, not refunded,
 * as the event figures count), without the other booths' lines this ledger projected in (the show's
 * window takes every line paid during it, whichever booth sold it: those shops are in event_shop).
 */
export function ownShowGmvFen(db: Database.Database, eventId: string, booth: string, showId: number): number {
  return db
    .prepare<[number, string, string], { gmv: number }>(
      `SELECT coalesce(sum(l.paid_fen), 0) AS gmv FROM order_line l
       WHERE l.show_id = ? AND l.status IN ('paid', 'shipped', 'completed') AND l.refund_state <> 'refunded'
         AND NOT EXISTS (SELECT 1 FROM event_shop s WHERE s.event_id = ? AND s.platform = l.platform
           AND s.shop_id = l.shop_id AND s.booth <> ?)`,
    )
    .get(showId, eventId, booth)!.gmv;
}
