import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';

export interface ConsoleHandle {
  /** URL printed by the console, token included. */
  url: string;
  origin: string;
  token: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
}

const consoleEntry = path.resolve('out/main/server.js');

/** Starts the built headless console on a free port with a fresh data directory. */
export async function startConsole(opts: { dataDir?: string; port?: number } = {}): Promise<ConsoleHandle> {
  if (!fs.existsSync(consoleEntry))
    throw new Error(`${consoleEntry} is missing: run \`electron-vite build\` first`);
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-e2e-'));
  const args = [consoleEntry, '--port', String(opts.port ?? 0), '--data-dir', dataDir];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`console did not start in 15 s\n${stderr}`)), 15_000);
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
      reject(new Error(`console exited with ${code}\n${stderr}`));
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

/** Stops the console (SIGTERM, or SIGKILL to simulate a crash); removes its data unless `keepData`. */
export async function stopConsole(
  handle: ConsoleHandle,
  opts: { signal?: NodeJS.Signals; keepData?: boolean } = {},
): Promise<void> {
  if (handle.process.exitCode === null && handle.process.signalCode === null) {
    const exited = new Promise((r) => handle.process.once('exit', r));
    handle.process.kill(opts.signal ?? 'SIGTERM');
    await exited;
  }
  if (!opts.keepData) fs.rmSync(handle.dataDir, { recursive: true, force: true });
}

export const test = base.extend<{ studio: ConsoleHandle }>({
  // eslint-disable-next-line no-empty-pattern
  studio: async ({}, use) => {
    const handle = await startConsole();
    await use(handle);
    await stopConsole(handle);
  },
});

export { expect } from '@playwright/test';
