import { afterEach, beforeEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Studio, type StudioOptions } from '../../src/main/core/studio';
import { OperatorServer } from '../../src/main/server/operator-server';

/** A headless studio serving the operator UI and the API on a free loopback port. */
export interface OperatorServerFixture {
  studio: Studio;
  server: OperatorServer;
  /** The studio's data directory (removed by `stop`). */
  dataDir: string;
  /** The operator token the server prints in its local URL. */
  token(): string;
  /** Stops the studio and removes its data and static directories. */
  stop(): Promise<void>;
}

/**
 * Starts a headless studio in a fresh data directory (`prefix` names it in the temp directory)
 * with its operator server on port 0, serving a one-page static directory.
 */
export async function startOperatorServer(
  prefix: string,
  options: Partial<StudioOptions> = {},
): Promise<OperatorServerFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-static-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ShelfCast test</title>');
  const studio = new Studio({ ...options, dataDir, mode: 'headless' });
  const server = new OperatorServer(studio, { staticDir, port: 0 });
  studio.addService(server);
  await studio.start();
  return {
    studio,
    server,
    dataDir,
    token: () => new URL(server.localUrl).searchParams.get('token')!,
    stop: async () => {
      await studio.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(staticDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh studio and operator server for every test of the file (vitest's beforeEach/afterEach):
 * `onStart` receives each one (to keep it in the file's variables, or prepare it).
 */
export function operatorServerPerTest(
  prefix: string,
  onStart: (fx: OperatorServerFixture) => void | Promise<void>,
  options: Partial<StudioOptions> = {},
): void {
  let fx: OperatorServerFixture | undefined;
  beforeEach(async () => {
    fx = await startOperatorServer(prefix, options);
    await onStart(fx);
  });
  afterEach(async () => {
    await fx?.stop();
    fx = undefined;
  });
}
