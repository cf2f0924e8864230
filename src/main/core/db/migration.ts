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

/** Applies pending migrations, each in its own transaction, tracking `PRAGMA user_version`. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  assertOrdered(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      // user_version takes no bound parameters; the value is an integer from our own registry.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
