import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The headless console on a data folder it cannot write: one clear line, exit code 1, no stack
 * trace. As root (CI) permissions do not apply, so the console then runs as `nobody`.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const entry = path.join(root, 'src/main/server/index.ts');
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
/** As root, whether `nobody` can run the console from this checkout (not when it lives under /root). */
const nobodyCanRun =
  asRoot &&
  spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(entry)}, 4)`], {
    uid: NOBODY,
    gid: NOBODY,
  }).status === 0;
/** Read-only folders can be tested: not root, or root running the console as `nobody`. */
const permissionsApply = !asRoot || nobodyCanRun;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) {
    fs.chmodSync(d, 0o700);
    fs.rmSync(d, { recursive: true, force: true });
  }
});

function readOnlyDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-ro-'));
  dirs.push(d);
  fs.chmodSync(d, 0o555);
  return d;
}

function runConsole(dataDir: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, '--data-dir', dataDir, '--port', '0'], {
    cwd: root,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.node.json'), HOME: os.tmpdir() },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(nobodyCanRun ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr, stdout })));
}

describe('headless console on a data folder it cannot write', () => {
  it('prints one clear "could not start" line and exits 1, with no stack trace', async () => {
    const file = path.join(readOnlyDir(), 'not-a-folder');
    const cases: { dir: string; why: string }[] = [];
    // A file where the folder should be: unwritable for everyone, root included.
    fs.chmodSync(path.dirname(file), 0o755);
    fs.writeFileSync(file, '');
    cases.push({ dir: path.join(file, 'ShelfCast'), why: 'a file is in the way, ENOTDIR' });
    if (permissionsApply) {
      // The folder itself read-only, and a folder to be made inside a read-only one.
      const readOnly = readOnlyDir();
      cases.push({ dir: readOnly, why: 'permission denied, EACCES' });
      cases.push({ dir: path.join(readOnlyDir(), 'ShelfCast'), why: 'permission denied, EACCES' });
    }
    const results = await Promise.all(cases.map((c) => runConsole(c.dir)));
    results.forEach(({ code, stderr, stdout }, i) => {
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim()).toBe(
        `ShelfCast could not start: the data folder ${cases[i]!.dir} cannot be written (${cases[i]!.why}); ` +
          'choose a writable folder with --data-dir or SHELFCAST_DATA_DIR',
      );
      expect(stderr).not.toMatch(/^\s+at /m);
    });
  }, 120_000); // two cold starts of the console under tsx
});
