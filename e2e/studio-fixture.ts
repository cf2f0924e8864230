import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';

export interface StudioHandle {
  /** URL printed by the headless studio, token included. */
  url: string;
  origin: string;
  token: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
}

const serverEntry = path.resolve('out/main/server.js');
/** How long a studio may take to start (a busy 2-core machine needs more than a quiet one). */
const START_TIMEOUT_MS = 30_000;

/** Starts the built headless studio on a free port with a fresh data directory. */
export async function startStudio(
  opts: { dataDir?: string; port?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<StudioHandle> {
  if (!fs.existsSync(serverEntry))
    throw new Error(`${serverEntry} is missing: run \`electron-vite build\` first`);
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-e2e-'));
  const args = [serverEntry, '--port', String(opts.port ?? 0), '--data-dir', dataDir];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    // A studio that does not come up is killed, not left running beside the next test's.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the headless studio did not start in ${START_TIMEOUT_MS / 1000} s\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ShelfCast operator UI: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the headless studio exited with ${code}\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    port: Number(parsed.port),
    dataDir,
    process: child,
  };
}

/** Stops the studio (SIGTERM, or SIGKILL to simulate a crash); removes its data unless `keepData`. */
export async function stopStudio(
  handle: StudioHandle,
  opts: { signal?: NodeJS.Signals; keepData?: boolean } = {},
): Promise<void> {
  if (handle.process.exitCode === null && handle.process.signalCode === null) {
    const exited = new Promise((r) => handle.process.once('exit', r));
    handle.process.kill(opts.signal ?? 'SIGTERM');
    await exited;
  }
  if (!opts.keepData) fs.rmSync(handle.dataDir, { recursive: true, force: true });
}

export const test = base.extend<{ studio: StudioHandle }>({
  // eslint-disable-next-line no-empty-pattern
  studio: async ({}, use) => {
    const handle = await startStudio();
    await use(handle);
    await stopStudio(handle);
  },
});

export { expect } from '@playwright/test';
