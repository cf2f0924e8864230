import type { Migration } from '../migration';

export const secretsMigration: Migration = {
  version: 20,
  name: 'secrets',
  up(db) {
    db.exec(`
      CREATE TABLE secret (
        name TEXT PRIMARY KEY,
        -- which SecretBox sealed it: 'safe-storage' (Electron, OS keychain) or 'key-file' (headless console)
        scheme TEXT NOT NULL CHECK (scheme IN ('safe-storage', 'key-file')),
        sealed BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
