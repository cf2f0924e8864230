import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { OverlayHealth } from '@shared/api/domains/overlays';
import { FakeObsServer } from '../../../../test-support/obs/fake-obs-server';
import { waitFor } from '../../../../test-support/obs/wait';
import { Studio } from '../studio';
import { overlayHealth, parseReport, STALE_AFTER_MS, type PageReport } from './overlay-health';

beforeAll(() => {
  process.env.SHELFCAST_OVERLAY_PORT = '0';
});

const page = (over: Partial<PageReport> = {}): PageReport => ({
  overlay: 'countdown',
  orientation: 'landscape',
  connectedAt: 0,
  last: { rev: 5, frameAt: 9_900, receivedAt: 9_950 },
  ...over,
});
const row = (h: OverlayHealth, overlay: string, orientation = 'landscape') =>
  h.pages.find((p) => p.overlay === overlay && p.orientation === orientation);
const none = { landscape: 0, portrait: 0 };

describe('overlay page health (pure)', () => {
  const now = 10_000;
  const current = { rev: 5, changedAt: 9_000 };

  it('is ok when connected, caught up and drawing; missing when fewer pages than OBS expect', () => {
    const h = overlayHealth([page()], { landscape: 1, portrait: 1 }, current, now);
    expect(row(h, 'countdown')).toMatchObject({
      state: 'ok',
      connected: 1,
      expected: 1,
      rev: 5,
      lastFrameAt: 9_900,
    });
    expect(row(h, 'leaderboard')).toMatchObject({ state: 'missing', connected: 0, expected: 1, rev: null });
    expect(row(h, 'countdown', 'portrait')).toMatchObject({ state: 'missing' });
    expect(h.pages).toHaveLength(12);
    // Two landscape OBS need two pages each.
    expect(
      row(overlayHealth([page()], { landscape: 2, portrait: 0 }, current, now), 'countdown')?.state,
    ).toBe('missing');
    // Nothing expected and nothing connected: no rows at all (overlays only, no OBS).
    expect(overlayHealth([], none, current, now).pages).toEqual([]);
  });

  it('is stale when a page stops drawing, stops reporting, never reports, or stays behind', () => {
    const late = now - STALE_AFTER_MS - 1;
    const stale = (p: PageReport, c = current) => row(overlayHealth([p], none, c, now), 'countdown')?.state;
    expect(stale(page({ last: { rev: 5, frameAt: late, receivedAt: now } }))).toBe('stale');
    expect(stale(page({ last: { rev: 5, frameAt: null, receivedAt: now } }))).toBe('stale');
    expect(stale(page({ last: { rev: 5, frameAt: now, receivedAt: late } }))).toBe('stale');
    expect(stale(page({ last: null, connectedAt: late }))).toBe('stale');
    expect(stale(page({ last: null, connectedAt: now - 10 }))).toBe('ok');
    // Behind the studio's revision: fine for a moment after a change, stale when it lasts.
    expect(
      stale(page({ last: { rev: 4, frameAt: now, receivedAt: now } }), { rev: 5, changedAt: now - 10 }),
    ).toBe('ok');
    expect(
      stale(page({ last: { rev: 4, frameAt: now, receivedAt: now } }), { rev: 5, changedAt: late }),
    ).toBe('stale');
  });

  it('reads only well-formed reports', () => {
    expect(parseReport('{"type":"report","rev":3,"frameAgeMs":16}')).toEqual({ rev: 3, frameAgeMs: 16 });
    expect(parseReport('{"type":"report","rev":3}')).toEqual({ rev: 3, frameAgeMs: null });
    expect(parseReport('{"type":"report","rev":-1,"frameAgeMs":1}')).toBeNull();
    expect(parseReport('{"type":"report","rev":"3"}')).toBeNull();
    expect(parseReport('not json')).toBeNull();
    expect(parseReport('{"type":"resync"}')).toBeNull();
    expect(parseReport(`{"type":"report","rev":1,"pad":"${'x'.repeat(600)}"}`)).toBeNull();
  });
});

describe('overlay page health in the studio', () => {
  let studio: Studio;
  let fake: FakeObsServer;
  let dataDir: string;
  const sockets: WebSocket[] = [];

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await studio.stop();
    await fake.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function openPage(overlay: string, params: string) {
    const u = new URL(studio.overlays.pages()[0]!.url);
    const ws = new WebSocket(
      `ws://${u.host}/ws?overlay=${overlay}&token=${encodeURIComponent(u.searchParams.get('token')!)}${params}`,
    );
    sockets.push(ws);
    return new Promise<WebSocket>((resolve) => ws.once('message', () => resolve(ws)));
  }

  it('expects one page per overlay for each enabled OBS, counts reports, and flags the status bar', async () => {
    fake = new FakeObsServer('pw');
    await fake.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-health-'));
    studio = new Studio({ dataDir, mode: 'headless' });
    await studio.start();
    expect(await studio.call('overlays.health', {})).toMatchObject({ pages: [] });
    const before = studio.status.get('overlays')!;
    expect(before.state).toBe('ok');

    await studio.call('obs.addConnection', {
      name: 'Vertical',
      host: '127.0.0.1',
      port: fake.port,
      password: fake.password,
      orientation: 'portrait',
    });
    const h = studio.overlays.health.check();
    expect(h.pages).toHaveLength(6);
    expect(h.pages.every((p) => p.orientation === 'portrait' && p.state === 'missing')).toBe(true);
    expect(studio.status.get('overlays')).toMatchObject({
      state: 'warning',
      detailKey: 'obs:obsOrient.status.unwell',
      params: { missing: 6, stale: 0 },
    });

    // A portrait page connects and reports; a studio preview of the same page does not count.
    const ws = await openPage('countdown', '&orientation=portrait');
    await openPage('leaderboard', '&orientation=portrait&viewer=preview');
    const rev = studio.overlays.state.state().rev;
    ws.send(JSON.stringify({ type: 'report', rev, frameAgeMs: 0 }));
    await waitFor('report received', async () => {
      const r = await studio.call('overlays.health', {});
      return r.pages.find((p) => p.overlay === 'countdown')?.rev === rev;
    });
    const after = await studio.call('overlays.health', {});
    expect(after.pages.find((p) => p.overlay === 'countdown')).toMatchObject({
      connected: 1,
      expected: 1,
      rev,
      currentRev: rev,
    });
    expect(after.pages.find((p) => p.overlay === 'countdown')?.state).not.toBe('missing');
    expect(after.pages.find((p) => p.overlay === 'leaderboard')).toMatchObject({
      state: 'missing',
      connected: 0,
    });
    // Garbage on the socket is ignored, never a crash.
    ws.send('{"type":"report","rev":"x"}');
    ws.send('\u0000not json');

    // Switching the OBS off: nothing is expected, the pill is the overlay server's again.
    const { connections } = await studio.call('obs.connections', {});
    await studio.call('obs.updateConnection', { id: connections[0]!.id, enabled: false });
    ws.close();
    await waitFor('page gone', async () => studio.overlays.server.pageReports().pages.length === 0);
    expect(studio.overlays.health.check().pages).toEqual([]);
    expect(studio.status.get('overlays')).toMatchObject({ state: 'ok', detailKey: before.detailKey });
  });
});
