import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../logging/log-hub';
import { migrate, type Migration } from './migration';

export interface OpenedDatabase {
  db: Database.Database;
  schema: number;
  /**
   * Set when the file was damaged, or missing or empty next to backups, and the studio started
   * from the newest backup that verified (`backup`; '' when none did and it started empty).
   */
  restoredFrom?: {
    reason: 'damaged' | 'missing';
    /** Where the old file (and its -wal, -shm) went; null when there was nothing to move. */
    moved: string | null;
    backup: string;
    /** Newer backups that did not verify, newest first. */
    skipped: string[];
  };
}

export const BACKUP_DIR = 'backups';

/**
 * The one place a database is opened: pragmas, integrity check, migrations. A damaged file, or a
 * missing or empty one next to backups, is a restore: it is moved aside (never deleted) and the
 * newest backup that verifies takes its place.
 */
export function openDatabase(
  file: string,
  migrations: readonly Migration[],
  log: Logger,
  now: () => number = Date.now,
): OpenedDatabase {
  if (file === ':memory:') return openChecked(file, migrations);
  if (missingOrEmpty(file)) {
    const backups = listBackups(path.dirname(file));
    // No backups: a first start (or a studio that never ran ten minutes), nothing to restore.
    if (backups.length === 0) return openChecked(file, migrations);
    log.error('database file is missing or empty but backups exist: restoring', {
      file,
      backups: backups.length,
    });
    return restore(file, migrations, log, 'missing', moveAside(file, 'empty', now()));
  }
  try {
    return openChecked(file, migrations);
  } catch (err) {
    if (!isCorruption(err)) throw err;
    const moved = moveAside(file, 'damaged', now());
    log.error('database file is damaged; moved it aside', { file, moved, reason: String(err) });
    return restore(file, migrations, log, 'damaged', moved);
  }
}

function restore(
  file: string,
  migrations: readonly Migration[],
  log: Logger,
  reason: 'damaged' | 'missing',
  moved: string | null,
): OpenedDatabase {
  const { backup, skipped } = restoreNewestVerified(file, listBackups(path.dirname(file)), log);
  if (backup) log.warn('restored the database from the newest backup that verifies', { backup, skipped });
  else log.error('no backup verifies; starting with an empty database', { skipped });
  const opened = openChecked(file, migrations);
  return { ...opened, restoredFrom: { reason, moved, backup: backup ?? '', skipped } };
}

const missingOrEmpty = (file: string): boolean => {
  try {
    return fs.statSync(file).size === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
};

/** Moves the file and its -wal and -shm to `<file>.<tag>-<time>`; returns that name, or null when none existed. */
function moveAside(file: string, tag: string, at: number): string | null {
  const moved = `${file}.${tag}-${at}`;
  let any = false;
  for (const suffix of ['', '-wal', '-shm']) {
    if (!fs.existsSync(file + suffix)) continue;
    fs.renameSync(file + suffix, moved + suffix);
    any = true;
  }
  if (any) syncDir(path.dirname(file));
  return any ? moved : null;
}

/** Copies backups (newest first) over `file` until one verifies; returns it, or null. */
function restoreNewestVerified(
  file: string,
  backups: readonly string[],
  log: Logger,
): { backup: string | null; skipped: string[] } {
  const temp = `${file}.restoring`;
  const skipped: string[] = [];
  for (const backup of backups) {
    try {
      removeWithJournals(temp);
      fs.copyFileSync(backup, temp);
      const check = verifyDatabase(temp);
      if (check !== 'ok') throw new CorruptDatabaseError(check);
      syncFile(temp);
      fs.renameSync(temp, file);
      syncDir(path.dirname(file));
      return { backup, skipped };
    } catch (err) {
      removeWithJournals(temp);
      skipped.push(backup);
      log.warn('a backup does not verify; trying an older one', { backup, reason: String(err) });
    }
  }
  return { backup: null, skipped };
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

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** A file that can be a database at all: at least a header, with SQLite's magic (a 0-byte or cut file is not). */
export function looksLikeDatabase(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(100);
    return fs.readSync(fd, head, 0, 100, 0) === 100 && head.subarray(0, 16).equals(SQLITE_MAGIC);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Checks a standalone copy (a backup being written or restored): 'ok', or what is wrong. Sets it
 * to rollback journal mode first, so the copy stays one file (no -wal or -shm beside it).
 */
export function verifyDatabase(file: string): string {
  if (!looksLikeDatabase(file)) return 'not a database file (empty, cut short or overwritten)';
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('journal_mode = DELETE');
    return String(db.pragma('quick_check', { simple: true }));
  } catch (err) {
    return String(err);
  } finally {
    db?.close();
  }
}

/** Backup files of a data folder, newest first; files that cannot be a database never count. */
export function listBackups(dataDir: string): string[] {
  const backupDir = path.join(dataDir, BACKUP_DIR);
  if (!fs.existsSync(backupDir)) return [];
  return fs
    .readdirSync(backupDir)
    .filter((f) => f.endsWith('.db'))
    .sort()
    .reverse()
    .map((f) => path.join(backupDir, f))
    .filter(looksLikeDatabase);
}

const PARTIAL = '.partial';

/**
 * Online backup to `<dir>/backups/shelfcast-<time>.db`, atomically: written to a temporary name,
 * synced, verified (`quick_check`), then renamed, so a kill or a full disk never leaves a file that
 * counts as a backup. Keeps the newest `keep` backups, and always the one just verified; files
 * that cannot be a database are removed.
 */
export async function backupDatabase(
  db: Database.Database,
  dataDir: string,
  keep = 5,
  now: () => number = Date.now,
): Promise<string> {
  const backupDir = path.join(dataDir, BACKUP_DIR);
  fs.mkdirSync(backupDir, { recursive: true });
  // What a killed backup left: never a backup, only in the way.
  for (const f of fs.readdirSync(backupDir)) if (f.includes(PARTIAL)) fs.rmSync(path.join(backupDir, f));
  const name = `shelfcast-${new Date(now()).toISOString().replace(/[:.]/g, '-')}.db`;
  const target = path.join(backupDir, name);
  const temp = target + PARTIAL;
  try {
    await db.backup(temp);
    const check = verifyDatabase(temp);
    if (check !== 'ok') throw new CorruptDatabaseError(check);
    syncFile(temp);
    fs.renameSync(temp, target);
    syncDir(backupDir);
  } catch (err) {
    removeWithJournals(temp);
    throw err;
  }
  pruneBackups(backupDir, keep, target);
  db.pragma('wal_checkpoint(PASSIVE)');
  return target;
}

function pruneBackups(backupDir: string, keep: number, verified: string): void {
  const files = fs
    .readdirSync(backupDir)
    .filter((f) => f.endsWith('.db'))
    .sort()
    .reverse()
    .map((f) => path.join(backupDir, f));
  let kept = 1; // the one just verified, wherever its name sorts
  for (const file of files) {
    if (file === verified) continue;
    if (looksLikeDatabase(file) && kept < keep) kept++;
    else fs.rmSync(file, { force: true });
  }
}

function removeWithJournals(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable; a folder cannot be opened for syncing on Windows, where this does nothing. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // not supported here
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Closes with `optimize`; a failing optimize (a full disk) never keeps the file open. */
export function closeDatabase(db: Database.Database): void {
  if (!db.open) return;
  try {
    db.pragma('optimize');
  } finally {
    db.close();
  }
}
