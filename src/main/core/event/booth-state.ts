import type Database from 'better-sqlite3';
import { showGmvByShop } from '../orders';
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
  const otherBooths = new Set(
    db
      .prepare<[string, string], { platform: string; shop_id: string }>(
        'SELECT platform, shop_id FROM event_shop WHERE event_id = ? AND booth <> ?',
      )
      .all(eventId, booth)
      .map((s) => `${s.platform}/${s.shop_id}`),
  );
  return showGmvByShop(db, showId)
    .filter((s) => !otherBooths.has(`${s.platform}/${s.shopId}`))
    .reduce((sum, s) => sum + s.gmvFen, 0);
}
