import type Database from 'better-sqlite3';

export interface Migration {
  /** Increasing number; the file is named after it (`0010-settings.ts`). */
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database was written by a newer ShelfCast (schema ${found}; this version knows up to ${supported}). ` +
        'Update ShelfCast or open another data directory.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** Checks the registry: versions strictly increasing, no duplicates. */
export function assertOrdered(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    const prev = migrations[i - 1]!;
    const cur = migrations[i]!;
    if (cur.version <= prev.version) {
      throw new Error(`Migration ${cur.version}-${cur.name} is not after ${prev.version}-${prev.name}`);
    }
  }
}

/**
 * Applies every migration not yet applied, in registry order, each in its own transaction.
 * Applied versions are recorded one by one (not only as a high-water mark) because each area
 * numbers its own range: a shelf migration 0102 added after orders' 0450 ran must still run.
 * `PRAGMA user_version` keeps the highest applied version, for tools and for the "too new" check.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  assertOrdered(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const record = db.prepare<[number, string, number]>(
    'INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const applied = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migration')
      .all()
      .map((r) => r.version),
  );
  const highWater = db.pragma('user_version', { simple: true }) as number;
  if (applied.size === 0 && highWater > 0) {
    // A database from before per-version records: everything up to its user_version ran.
    for (const m of migrations) {
      if (m.version <= highWater) {
        record.run(m.version, m.name, Date.now());
        applied.add(m.version);
      }
    }
  }
  const known = new Set(migrations.map((m) => m.version));
  const unknown = [...applied].filter((v) => !known.has(v));
  if (unknown.length > 0 || highWater > latest) {
    throw new DatabaseTooNewError(Math.max(highWater, ...unknown), latest);
  }
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      m.up(db);
      record.run(m.version, m.name, Date.now());
      const top = Math.max(m.version, db.pragma('user_version', { simple: true }) as number);
      // user_version takes no bound parameters; the value is an integer from our own registry.
      db.pragma(`user_version = ${Math.trunc(top)}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
