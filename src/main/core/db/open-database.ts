import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../logging/log-hub';
import { migrate, type Migration } from './migration';

export interface OpenedDatabase {
  db: Database.Database;
  schema: number;
  /** Set when the file was damaged and replaced by the newest backup. */
  restoredFrom?: { moved: string; backup: string };
}

export const BACKUP_DIR = 'backups';

/** The one place a database is opened: pragmas, integrity check, migrations. */
export function openDatabase(file: string, migrations: readonly Migration[], log: Logger): OpenedDatabase {
  try {
    return openChecked(file, migrations);
  } catch (err) {
    if (file === ':memory:' || !isCorruption(err)) throw err;
    const backup = newestBackup(path.dirname(file));
    const moved = `${file}.damaged-${Date.now()}`;
    log.error('database file is damaged; moving it aside', { file, moved, reason: String(err) });
    fs.renameSync(file, moved);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, moved + suffix);
    }
    if (backup) {
      fs.copyFileSync(backup, file);
      log.warn('restored the database from the newest backup', { backup });
    } else {
      log.warn('no backup found; starting with an empty database');
    }
    const opened = openChecked(file, migrations);
    return { ...opened, restoredFrom: { moved, backup: backup ?? '' } };
  }
}

function openChecked(file: string, migrations: readonly Migration[]): OpenedDatabase {
  const db = new Database(file);
  try {
    if (file !== ':memory:') {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new CorruptDatabaseError(String(check));
      db.pragma('journal_mode = WAL');
    }
    db.pragma('foreign_keys = ON');
    // The order ledger must survive power loss; pages go in by group commit, so FULL costs one sync per group.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    const schema = migrate(db, migrations);
    return { db, schema };
  } catch (err) {
    db.close();
    throw err;
  }
}

export class CorruptDatabaseError extends Error {
  constructor(detail: string) {
    super(`quick_check failed: ${detail}`);
    this.name = 'CorruptDatabaseError';
  }
}

function isCorruption(err: unknown): boolean {
  if (err instanceof CorruptDatabaseError) return true;
  const code = (err as { code?: string } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

function newestBackup(dir: string): string | undefined {
  const backupDir = path.join(dir, BACKUP_DIR);
  if (!fs.existsSync(backupDir)) return undefined;
  const files = fs
    .readdirSync(backupDir)
    .filter((f) => f.endsWith('.db'))
    .sort();
  const last = files.at(-1);
  return last ? path.join(backupDir, last) : undefined;
}

/** Online backup to `<dir>/backups/shelfcast-<time>.db`, keeping the newest `keep` files. */
export async function backupDatabase(db: Database.Database, dataDir: string, keep = 5): Promise<string> {
  const backupDir = path.join(dataDir, BACKUP_DIR);
  fs.mkdirSync(backupDir, { recursive: true });
  const target = path.join(backupDir, `shelfcast-${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
  await db.backup(target);
  db.pragma('wal_checkpoint(PASSIVE)');
  const files = fs
    .readdirSync(backupDir)
    .filter((f) => f.endsWith('.db'))
    .sort();
  for (const old of files.slice(0, Math.max(0, files.length - keep))) fs.rmSync(path.join(backupDir, old));
  return target;
}

export function closeDatabase(db: Database.Database): void {
  if (!db.open) return;
  db.pragma('optimize');
  db.close();
}
