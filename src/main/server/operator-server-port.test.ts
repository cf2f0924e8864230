import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Studio } from '../core/studio';
import { OperatorServer } from './operator-server';

const dirs: string[] = [];
const running: Studio[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('console access', () => {
  it('names the port the console really listens on, not the setting, and says when links stay on this computer', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-port-'));
    const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-static-'));
    dirs.push(dataDir, staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    const studio = new Studio({ dataDir, mode: 'headless' });
    // Port 0: the system picks one, as `--port` or a busy default would move it off the setting.
    const server = new OperatorServer(studio, { staticDir, port: 0 });
    studio.addService(server);
    await studio.start();
    running.push(studio);

    const setting = studio.settings.get().server;
    const access = await studio.call('access.access', {});
    expect(access.port).toBe(server.port);
    expect(access.port).not.toBe(setting.port);
    expect(access.urls[0]).toContain(`:${server.port}/`);
    // LAN access off: every link is a loopback one, and the answer says so for the UI's warning.
    expect(access.lanAccess).toBe(false);
    expect(access.urls.every((u) => new URL(u).hostname === '127.0.0.1')).toBe(true);
  });
});
