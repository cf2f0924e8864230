import crypto from 'node:crypto';
import type { Migration } from '../migration';

/**
 * Console tokens at rest: only their SHA-256 stays in the database (and so in every backup made
 * from now on). The plaintext `token` column is dropped by rebuilding the table with
 * `secure_delete` on, so the freed pages that held it are zeroed rather than left in the file.
 * Sessions (`parent_id`) are browser cookies minted from a launch link; they end with their parent.
 */
export const consoleAccessHashedMigration: Migration = {
  version: 600,
  name: 'console-access-hashed',
  up(db) {
    const secureDelete = db.pragma('secure_delete', { simple: true }) as number;
    db.pragma('secure_delete = ON');
    try {
      db.exec(`
        CREATE TABLE console_access_hashed (
          id INTEGER PRIMARY KEY,
          role TEXT NOT NULL CHECK (role IN ('operator', 'prompter', 'datadesk', 'guest')),
          label TEXT NOT NULL DEFAULT '',
          -- SHA-256 of the token; the token itself is shown once, when it is made
          token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
          is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
          -- set for a browser session: the grant it was opened with
          parent_id INTEGER REFERENCES console_access_hashed (id) ON DELETE CASCADE,
          created_at INTEGER NOT NULL
        ) STRICT;
      `);
      const rows = db
        .prepare<
          [],
          { id: number; role: string; label: string; token: string; is_primary: number; created_at: number }
        >('SELECT id, role, label, token, is_primary, created_at FROM console_access ORDER BY id')
        .all();
      const insert = db.prepare<[number, string, string, Buffer, number, number]>(
        `INSERT INTO console_access_hashed (id, role, label, token_hash, is_primary, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      );
      for (const r of rows) {
        // Hash again from the plaintext rather than trusting the old column.
        const hash = crypto.createHash('sha256').update(r.token).digest();
        insert.run(r.id, r.role, r.label, hash, r.is_primary, r.created_at);
      }
      db.exec(`
        DROP TABLE console_access;
        ALTER TABLE console_access_hashed RENAME TO console_access;
        CREATE UNIQUE INDEX console_access_primary ON console_access (is_primary) WHERE is_primary = 1;
        CREATE INDEX console_access_parent ON console_access (parent_id) WHERE parent_id IS NOT NULL;
      `);
    } finally {
      db.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
    }
  },
};
