import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const DATA_DIR_ENV = 'SHELFCAST_DATA_DIR';
const APP_DIR = 'ShelfCast';

/**
 * Where the studio keeps its database, images, backups and keys. Matches Electron's
 * `userData` for an app named ShelfCast, so the desktop app and the headless console share it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env[DATA_DIR_ENV]) return path.resolve(env[DATA_DIR_ENV]);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR);
}

export function ensureDataDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.accessSync(dir, fs.constants.W_OK);
  return dir;
}
