import type { Migration } from '../migration';

/**
 * Overlay state that must survive a restart: the operator's choices (what is shown, the countdown's
 * wall-clock end, themes per show), the last sales figures, and the overlay server's token and port.
 * One JSON value per key: each is small and always read and written whole.
 */
export const overlaysMigration: Migration = {
  version: 300,
  name: 'overlays',
  up(db) {
    db.exec(`
      CREATE TABLE overlay_setting (
        key TEXT PRIMARY KEY CHECK (key IN ('controls', 'figures', 'server')),
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
