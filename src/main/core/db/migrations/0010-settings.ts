import type { Migration } from '../migration';

export const settingsMigration: Migration = {
  version: 10,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
