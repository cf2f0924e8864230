import type Database from 'better-sqlite3';
import { figuresFromDb, type Origins } from './ledger/live-figures';

/** A show's figures from the ledger's aggregates (the same the live counters use); origins from the shelf. */
export const showFigures = (db: Database.Database, shelf: Origins, showId: number, at = Date.now()) =>
  figuresFromDb(db, shelf, showId, at);

/** GMV and units per minute of a show from `since` on, from the ledger's per-minute aggregates (oldest first). */
export function showTimeline(db: Database.Database, showId: number, since = Number.MIN_SAFE_INTEGER) {
  return db
    .prepare<[number, number], { minute: number; units: number; gmvFen: number }>(
      `SELECT minute, sum(units) AS units, sum(gmv_fen) AS gmvFen FROM sales_minute
       WHERE show_id = ? AND minute >= ? GROUP BY minute ORDER BY minute`,
    )
    .all(showId, since);
}
