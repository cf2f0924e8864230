import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const DATA_DIR_ENV = 'SHELFCAST_DATA_DIR';
const APP_DIR = 'ShelfCast';

/**
 * Where the studio keeps its database, images, backups and keys. Matches Electron's
 * `userData` for an app named ShelfCast, so the desktop app and the headless console share it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (env[DATA_DIR_ENV]) return path.resolve(env[DATA_DIR_ENV]);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR);
}

/** Creates the data directory if needed and makes it private; returns what was readable by others. */
export function ensureDataDir(dir: string): Loosened[] {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.accessSync(dir, fs.constants.W_OK);
  return makePrivate(dir);
}

/** An entry that was open to other users before makePrivate tightened it. */
export interface Loosened {
  path: string;
  /** Its permission bits before, e.g. 0o644. */
  mode: number;
}

/** Entries looked at by one `makePrivate` walk: a bound, not a limit any real data directory nears. */
const MAX_ENTRIES = 100_000;
const MAX_DEPTH = 4;

/**
 * Keeps the data directory private to this user: 0700 on it and its folders, 0600 on its files
 * (database, WAL/SHM, backups, key file), also when it already existed with 0755/0644 (mkdir's
 * mode only applies to folders it creates). Symbolic links are left alone. POSIX only: on
 * Windows the profile folder's ACL already does this. Returns the entries it changed.
 */
export function makePrivate(dir: string, platform = process.platform): Loosened[] {
  if (platform === 'win32') return [];
  const changed: Loosened[] = [];
  let seen = 0;
  const tighten = (p: string, mode: number, want: number) => {
    if ((mode & 0o777) !== want && (mode & 0o077) !== 0) {
      fs.chmodSync(p, want);
      changed.push({ path: p, mode: mode & 0o777 });
    }
  };
  const walk = (d: string, depth: number) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (++seen > MAX_ENTRIES) return;
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        tighten(p, fs.lstatSync(p).mode, 0o700);
        if (depth < MAX_DEPTH) walk(p, depth + 1);
      } else if (e.isFile()) {
        tighten(p, fs.lstatSync(p).mode, 0o600);
      }
    }
  };
  tighten(dir, fs.statSync(dir).mode, 0o700);
  walk(dir, 1);
  return changed;
}

/** 0600 on files the studio just wrote (the database and its WAL/SHM, a backup); missing ones are skipped. */
export function makeFilesPrivate(files: readonly string[], platform = process.platform): void {
  if (platform === 'win32') return;
  for (const f of files) {
    try {
      if ((fs.lstatSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}
