import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase, BACKUP_DIR } from './db/open-database';
import { makePrivate } from './data-dir';
import { DATABASE_FILE } from './services/database-service';
import { SECRET_KEY_FILE } from './secrets/secret-box';
import { Studio } from './studio';

const posix = process.platform !== 'win32';
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A data directory someone made by hand (or an older ShelfCast), readable by everyone. */
function openDataDir(): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-perm-'));
  dirs.push(parent);
  const dir = path.join(parent, 'ShelfCast');
  fs.mkdirSync(path.join(dir, BACKUP_DIR), { recursive: true });
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(path.join(dir, BACKUP_DIR), 0o755);
  return dir;
}

describe.runIf(posix)('data directory permissions', () => {
  it('makes a pre-existing 0755 directory and its 0644 files private at start', async () => {
    const dir = openDataDir();
    // A database and key from an earlier run, and a backup, all world-readable.
    const first = new Studio({ dataDir: dir, mode: 'headless' });
    await first.start();
    await backupDatabase(first.database.db, dir);
    await first.stop();
    const walk = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(d, e.name);
        return e.isDirectory() ? [p, ...walk(p)] : [p];
      });
    for (const p of walk(dir)) fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o755 : 0o644);
    fs.chmodSync(dir, 0o755);
    expect(mode(path.join(dir, DATABASE_FILE))).toBe(0o644);

    const studio = new Studio({ dataDir: dir, mode: 'headless' });
    await studio.start();
    try {
      expect(mode(dir)).toBe(0o700);
      expect(mode(path.join(dir, BACKUP_DIR))).toBe(0o700);
      for (const p of walk(dir))
        expect([p, mode(p)]).toEqual([p, fs.statSync(p).isDirectory() ? 0o700 : 0o600]);
      expect(fs.existsSync(path.join(dir, SECRET_KEY_FILE))).toBe(true);
      expect(fs.existsSync(path.join(dir, `${DATABASE_FILE}-wal`))).toBe(true);
    } finally {
      await studio.stop();
    }
  });

  it('creates the database, its WAL and SHM 0600 in a fresh directory even with a lax umask', async () => {
    const dir = openDataDir();
    const before = process.umask(0o022);
    try {
      const studio = new Studio({ dataDir: dir, mode: 'headless' });
      await studio.start();
      try {
        for (const suffix of ['', '-wal', '-shm'])
          expect(mode(path.join(dir, DATABASE_FILE + suffix))).toBe(0o600);
      } finally {
        await studio.stop();
      }
    } finally {
      process.umask(before);
    }
  });

  it('leaves already-private entries alone and skips symbolic links', () => {
    const dir = openDataDir();
    fs.writeFileSync(path.join(dir, 'a.db'), 'x', { mode: 0o600 });
    const outside = path.join(path.dirname(dir), 'outside.txt');
    fs.writeFileSync(outside, 'x', { mode: 0o644 });
    fs.symlinkSync(outside, path.join(dir, 'link'));
    expect(makePrivate(dir).map((e) => [path.relative(dir, e.path), e.mode])).toEqual([
      ['', 0o755],
      [BACKUP_DIR, 0o755],
    ]);
    expect(makePrivate(dir)).toEqual([]);
    expect(mode(outside)).toBe(0o644);
  });
});
