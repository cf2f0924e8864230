import crypto from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * Test support: a hash of every row of every ordinary table, to prove a refused request wrote
 * nothing. Left out: SQLite's own tables, FTS shadow tables (they follow their base table), and
 * the overlay figures a timer saves a second after start (`overlay_setting` key `figures`).
 */
export function dbFingerprint(db: Database.Database): string {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  const virtuals = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'`)
    .pluck()
    .all() as string[];
  const hash = crypto.createHash('sha256');
  for (const t of tables) {
    if (virtuals.some((v) => t.startsWith(`${v}_`))) continue;
    const rows =
      t === 'overlay_setting'
        ? db.prepare(`SELECT * FROM "${t}" WHERE key <> 'figures'`).all()
        : db.prepare(`SELECT * FROM "${t}"`).all();
    hash.update(
      `${t}:${JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))}\n`,
    );
  }
  return hash.digest('hex');
}
