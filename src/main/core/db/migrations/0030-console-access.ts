import type { Migration } from '../migration';

/** Console access links: one primary operator token plus revocable links per role (tablets, prompter, data desk, guests). */
export const consoleAccessMigration: Migration = {
  version: 30,
  name: 'console-access',
  up(db) {
    db.exec(`
      CREATE TABLE console_access (
        id INTEGER PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('operator', 'prompter', 'datadesk', 'guest')),
        label TEXT NOT NULL DEFAULT '',
        token TEXT NOT NULL UNIQUE,
        -- lookups go by hash so a token is never compared byte by byte in the clear
        token_hash BLOB NOT NULL UNIQUE,
        is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX console_access_primary ON console_access (is_primary) WHERE is_primary = 1;
    `);
  },
};
