import type { Migration } from '../migration';

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * Shows get an on-air window (UTC ms, half-open [on_air_from, on_air_to); to NULL while on air):
 * orders belong to the show whose window holds their pay time. Until now they belonged to the
 * show of their Beijing calendar date, so each existing show gets that whole Beijing day as its
 * window (on a date shared by several shows, the newest one, the one the ledger chose) and its
 * lines keep their show: upgraded databases keep their figures.
 */
export const showWindowsMigration: Migration = {
  version: 620,
  name: 'show-windows',
  up(db) {
    db.exec(`
      ALTER TABLE show ADD COLUMN on_air_from INTEGER;
      ALTER TABLE show ADD COLUMN on_air_to INTEGER CHECK (on_air_to IS NULL OR on_air_to > on_air_from);
    `);
    const shows = db
      .prepare<[], { id: number; show_date: string }>('SELECT id, show_date FROM show ORDER BY id')
      .all();
    const newestOfDay = new Map<number, number>();
    for (const s of shows) {
      const utcMidnight = Date.parse(s.show_date);
      if (!Number.isFinite(utcMidnight)) continue;
      newestOfDay.set(utcMidnight / DAY_MS, s.id);
    }
    const set = db.prepare<[number, number, number]>(
      'UPDATE show SET on_air_from = ?, on_air_to = ? WHERE id = ?',
    );
    for (const [day, id] of newestOfDay) {
      const from = day * DAY_MS - BEIJING_OFFSET_MS;
      set.run(from, from + DAY_MS, id);
    }
  },
};
