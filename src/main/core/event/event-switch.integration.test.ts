import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import { Studio } from '../studio';
import type { EventOptions } from './event-service';
import { joinLink } from './event-server';
import { natsBinary, WAIT_MS } from '../../../../test-support/event/event-cluster';
import { freePort } from '../../../../test-support/core/free-port';

/** The Settings page's event server switch (`npm start -- --event-server` without the flag). */
const dirs: string[] = [];
const studios: Studio[] = [];
afterEach(async () => {
  for (const s of studios.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}, 30_000);

const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-event-switch-'));
  dirs.push(d);
  return d;
};

async function studio(dataDir: string, event: Partial<EventOptions>): Promise<Studio> {
  const s = new Studio({
    dataDir,
    mode: 'headless',
    log: { sink: () => undefined },
    overlays: { port: 0 },
    event: { server: false, eventId: 'gansu', booths: [], port: 4222, host: '127.0.0.1', ...event },
  });
  studios.push(s);
  await s.start();
  return s;
}

const eventService = async (s: Studio) =>
  (await s.call('system.status', {})).services.find((x) => x.name === 'event');

describe('the event server switch in Settings', () => {
  it('is saved and takes effect at once and at every start, with a status that says how it went (here: no nats-server)', async () => {
    const dir = tmp();
    const missing = { natsServer: path.join(dir, 'no-such-nats-server'), port: await freePort() };
    let s = await studio(dir, missing);
    expect(await eventService(s)).toBeUndefined();
    expect((await s.call('settings.get', {})).event?.server ?? false).toBe(false);

    const saved = await s.call('settings.update', { event: { server: true } });
    expect(saved.event).toEqual({ server: true });
    expect(await eventService(s)).toMatchObject({
      state: 'error',
      detailKey: 'event.status.failed',
      params: { reason: expect.stringMatching(/nats-server is not installed/) },
    });

    // Saved: the next start tries again by itself.
    await s.stop();
    s = await studio(dir, missing);
    expect((await s.call('settings.get', {})).event).toEqual({ server: true });
    expect(await eventService(s)).toMatchObject({ state: 'error', detailKey: 'event.status.failed' });

    await s.call('settings.update', { event: { server: false } });
    expect(await eventService(s)).toMatchObject({ state: 'stopped', detailKey: 'eventMore.status.stopped' });
    expect((await s.call('event.status', {})).running).toBe(false);
  }, 30_000);

  it('is refused on a booth, translated and with nothing saved: a booth cannot also be a director', async () => {
    const port = await freePort(); // nothing listens: the booth keeps trying, still a booth
    const join = joinLink({
      url: `nats://127.0.0.1:${port}`,
      event: 'gansu',
      booth: 'b1',
      user: 'booth-b1',
      pass: 'x',
    });
    const s = await studio(tmp(), { join });
    expect((await s.call('event.status', {})).role).toBe('booth');
    await expect(s.call('settings.update', { event: { server: true } })).rejects.toMatchObject({
      error: {
        code: 'conflict',
        key: 'eventMore.boothCannotDirect',
        params: { event: 'gansu', booth: 'b1' },
      },
    });
    expect((await s.call('settings.get', {})).event?.server ?? false).toBe(false);
    expect((await s.call('event.status', {})).role).toBe('booth');
  }, 30_000);

  it.skipIf(!natsBinary)(
    'switched on, the studio is the director on a local nats-server; switched off, the server stops',
    async () => {
      const port = await freePort();
      const s = await studio(tmp(), { natsServer: natsBinary!, port });
      await s.call('settings.update', { event: { server: true } });
      expect(await eventService(s)).toMatchObject({ state: 'ok', detailKey: 'event.status.linked' });
      const until = Date.now() + WAIT_MS;
      let status = await s.call('event.status', {});
      while (!status.connected && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
        status = await s.call('event.status', {});
      }
      expect(status).toMatchObject({ running: true, role: 'director', connected: true });
      // The director adds a booth from its Event page: the join link works on this server.
      const { link } = await s.call('event.addBooth', { booth: 'b1' });
      expect(link).toMatch(/^shelfcast:\/\/event\/join\?t=/);

      await s.call('settings.update', { event: { server: false } });
      expect(await eventService(s)).toMatchObject({ state: 'stopped' });
      expect((await s.call('event.status', {})).running).toBe(false);
      await expect(
        connect({ servers: `nats://127.0.0.1:${port}`, reconnect: false, timeout: 1_000 }),
      ).rejects.toThrow();
    },
    60_000,
  );
});
