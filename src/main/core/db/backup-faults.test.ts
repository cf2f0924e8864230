import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LogHub } from '../logging/log-hub';
import { migrations } from './migrations';
import { backupDatabase, openDatabase } from './open-database';

/**
 * Fault tests for the database file and its backups: a kill in the middle of a backup, backups
 * cut short or empty, retention with junk in the folder. Every check of a file here uses SQLite
 * directly (not the code under test), and each case ends with integrity_check and the data
 * compared with what was there before.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const childFile = path.join(root, 'test-support/db/backup-child.ts');
const log = new LogHub({ sink: () => undefined }).logger('test');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-backup-'));
  dirs.push(d);
  return d;
};

const T0 = Date.UTC(2026, 0, 10, 9, 0, 0);
const backupName = (at: number) => `shelfcast-${new Date(at).toISOString().replace(/[:.]/g, '-')}.db`;

/** A backup file a restore could use: SQLite opens it read-only and quick_check says ok. */
function isGoodDatabase(file: string): boolean {
  if (fs.statSync(file).size === 0) return false;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return db.pragma('quick_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

const backupFiles = (dir: string) =>
  fs
    .readdirSync(path.join(dir, 'backups'))
    .filter((f) => f.endsWith('.db'))
    .sort();

/** Everything the studio stored in the setting table, in key order. */
const settingRows = (db: Database.Database) =>
  db.prepare('SELECT key, value, updated_at FROM setting ORDER BY key').all();

/** A database with `rows` settings of about 1 KB each (so a backup takes many steps). */
function studioDb(dir: string, rows: number, tag: string) {
  const { db } = openDatabase(path.join(dir, 'shelfcast.db'), migrations, log);
  const put = db.prepare(
    'INSERT INTO setting (key, value, updated_at) VALUES (?, ?, 1) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  db.transaction(() => {
    for (let i = 0; i < rows; i++) put.run(`row-${String(i).padStart(5, '0')}`, `${tag}:${'x'.repeat(1000)}`);
  })();
  return db;
}

function reopened(dir: string) {
  const opened = openDatabase(path.join(dir, 'shelfcast.db'), migrations, log);
  expect(opened.db.pragma('integrity_check', { simple: true })).toBe('ok');
  return opened;
}

/** Overwrites the studio's database with something that is not one. */
function damage(dir: string): void {
  const file = path.join(dir, 'shelfcast.db');
  for (const s of ['-wal', '-shm']) fs.rmSync(file + s, { force: true });
  fs.writeFileSync(file, 'not a database any more '.repeat(400));
}

describe('backups under faults', () => {
  it('a kill during a backup leaves no file that counts as a backup; the last good one restores', async () => {
    const dir = tmp();
    const db = studioDb(dir, 3_000, 'good');
    await backupDatabase(db, dir, 5, () => T0);
    const before = settingRows(db);
    db.close();

    const child = spawn(process.execPath, ['--import', 'tsx', childFile, dir], {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.node.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_c, sig) => resolve(sig)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('copying')) resolve();
      });
      child.on('exit', (code) =>
        reject(new Error(`backup child exited (${code}) before copying: ${stderr}`)),
      );
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Whatever the kill left behind, every file named as a backup is a good one.
    const names = backupFiles(dir);
    expect(names).toEqual([backupName(T0)]);
    for (const f of names) expect(isGoodDatabase(path.join(dir, 'backups', f))).toBe(true);

    // The main file was not touched by the kill; damaged now, it comes back from the last good backup.
    damage(dir);
    const r = reopened(dir);
    expect(r.restoredFrom?.backup).toBe(path.join(dir, 'backups', backupName(T0)));
    expect(settingRows(r.db)).toEqual(before);

    // The next backup clears what the killed one left and is itself good.
    const next = await backupDatabase(r.db, dir, 5, () => T0 + 600_000);
    expect(fs.readdirSync(path.join(dir, 'backups')).sort()).toEqual([backupName(T0), path.basename(next)]);
    expect(isGoodDatabase(next)).toBe(true);
    r.db.close();
  });

  it('restore tries backups newest first and takes the first that verifies (cut and 0-byte ones skipped)', async () => {
    const dir = tmp();
    const db = studioDb(dir, 400, 'older');
    await backupDatabase(db, dir, 5, () => T0);
    db.prepare(`UPDATE setting SET value = 'newer' WHERE key = 'row-00007'`).run();
    const good = await backupDatabase(db, dir, 5, () => T0 + 600_000);
    const before = settingRows(db);
    db.close();
    // Newer than the good ones: a backup cut short, and an empty one.
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(
      path.join(dir, 'backups', backupName(T0 + 1_200_000)),
      bytes.subarray(0, bytes.length >> 1),
    );
    fs.writeFileSync(path.join(dir, 'backups', backupName(T0 + 1_800_000)), '');
    damage(dir);

    const r = reopened(dir);
    expect(r.restoredFrom).toMatchObject({ reason: 'damaged', backup: good });
    expect(r.restoredFrom?.skipped).toEqual([path.join(dir, 'backups', backupName(T0 + 1_200_000))]);
    expect(settingRows(r.db)).toEqual(before);
    r.db.close();
  });

  it('retention never deletes the backup just verified, and a 0-byte or cut file never counts', async () => {
    const dir = tmp();
    const db = studioDb(dir, 50, 'kept');
    const backups = path.join(dir, 'backups');
    fs.mkdirSync(backups);
    // Junk named later than any real backup (a clock that was ahead, files from a killed backup).
    for (let i = 0; i < 6; i++) {
      const at = Date.UTC(2099, 0, 1 + i);
      fs.writeFileSync(path.join(backups, backupName(at)), i % 2 ? '' : 'SQLite format 3\0'.slice(0, 10));
    }
    const made = await backupDatabase(db, dir, 5, () => T0);
    expect(backupFiles(dir)).toEqual([path.basename(made)]);
    expect(isGoodDatabase(made)).toBe(true);
    const before = settingRows(db);
    db.close();
    damage(dir);
    const r = reopened(dir);
    expect(r.restoredFrom?.backup).toBe(made);
    expect(settingRows(r.db)).toEqual(before);
    r.db.close();
  });
});
