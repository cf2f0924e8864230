// `npm start`: build, then open the Electron window where Electron's binary is installed,
// otherwise run the same studio core headless and serve the operator UI in the browser.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const passThrough = process.argv.slice(2);

/** The Electron binary, without `require('electron')` (which would try to download it). */
export function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron');
  try {
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = path.join(dir, 'dist', rel);
    return fs.existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const mode = process.env.SHELFCAST_MODE; // 'electron' | 'headless' | unset = pick
const electron = mode === 'headless' ? undefined : electronBinary();
if (mode === 'electron' && !electron) {
  console.error(
    'SHELFCAST_MODE=electron, but the Electron binary is not installed (node_modules/electron/dist).',
  );
  process.exit(1);
}

if (process.env.SHELFCAST_SKIP_BUILD !== '1') {
  const build = spawnSync(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let child;
if (electron) {
  console.log('Starting the ShelfCast desktop app (Electron).');
  child = spawn(electron, ['.', ...passThrough], { cwd: root, stdio: 'inherit' });
} else {
  console.log(
    mode === 'headless'
      ? 'Starting the headless ShelfCast console (SHELFCAST_MODE=headless).'
      : 'Electron binary not installed: starting the headless ShelfCast console instead.',
  );
  child = spawn(process.execPath, [path.join(root, 'out', 'main', 'server.js'), ...passThrough], {
    cwd: root,
    stdio: 'inherit',
  });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
