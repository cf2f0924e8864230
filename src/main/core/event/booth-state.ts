import type Database from 'better-sqlite3';
import { showGmvFen } from '../orders';
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
 * as the event figures count). The show's lines are this studio's own: lines the other booths sold
 * reach this ledger in no show (order_line.remote).
 */
export const ownShowGmvFen = (db: Database.Database, showId: number): number => showGmvFen(db, showId);
