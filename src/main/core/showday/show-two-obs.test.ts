import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiCallError } from '@shared/api/client';
import { FakeObsServer } from '../../../../test-support/obs/fake-obs-server';
import { waitFor } from '../../../../test-support/obs/wait';
import { Studio } from '../studio';

beforeAll(() => {
  process.env.SHELFCAST_OVERLAY_PORT = '0';
});

/** Two orientations from one GO: a landscape and a portrait OBS (protocol-level fakes). */
describe('GO on a landscape and a portrait OBS', () => {
  let landscape: FakeObsServer;
  let portrait: FakeObsServer;
  let studio: Studio;
  let dataDir: string;

  beforeEach(async () => {
    landscape = new FakeObsServer('pw-l');
    landscape.addScene('Wide');
    landscape.addScene('Close');
    // The portrait OBS has its own scenes: presets map per OBS.
    portrait = new FakeObsServer('pw-p');
    portrait.addScene('V Wide');
    portrait.addScene('V Close');
    await landscape.start();
    await portrait.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-two-obs-'));
    studio = new Studio({ dataDir, mode: 'headless' });
    await studio.start();
  });

  afterEach(async () => {
    await studio.stop();
    await landscape.stop();
    await portrait.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function connect(
    name: string,
    fake: FakeObsServer,
    orientation: 'landscape' | 'portrait',
    prefix = '',
  ) {
    const c = await studio.call('obs.addConnection', {
      name,
      host: '127.0.0.1',
      port: fake.port,
      password: fake.password,
      orientation,
    });
    await waitFor(`${name} connected`, async () => {
      const { connections } = await studio.call('obs.connections', {});
      return connections.find((x) => x.id === c.id)?.status.state === 'connected';
    });
    await studio.call('obs.setCameras', {
      instanceId: c.id,
      cameras: [
        { preset: 'wide', kind: 'scene', sceneName: `${prefix}Wide`, sourceName: null },
        { preset: 'close', kind: 'scene', sceneName: `${prefix}Close`, sourceName: null },
      ],
    });
    await studio.call('obs.provisionOverlays', { instanceId: c.id, scenes: [] });
    return c.id;
  }

  async function show() {
    const product = (nameZh: string) =>
      studio.call('shelf.create', {
        product: { nameZh, listPriceFen: 3990, livePriceFen: 2990, stock: 50, status: 'ready' },
      });
    const a = await product('秦安蜜桃');
    const b = await product('和田大枣');
    const s = await studio.call('shows.create', { title: '甘肃好物', showDate: '2026-11-21' });
    const slot = (productId: number, cameraPreset: string) =>
      studio.call('rundown.addSlot', { showId: s.id, productId, cameraPreset, presenterName: '' });
    return { show: s, slots: [await slot(a.product.id, 'close'), await slot(b.product.id, 'wide')] };
  }

  it('drives both OBS from one GO and reports each program', async () => {
    const l = await connect('Landscape', landscape, 'landscape');
    const p = await connect('Portrait', portrait, 'portrait', 'V ');
    const { show: s } = await show();
    const state = await studio.call('show.select', {
      showId: s.id,
      obsInstanceId: l,
      alsoObsInstanceIds: [p],
    });
    expect(state).toMatchObject({ obsInstanceId: l, alsoObsInstanceIds: [p] });

    landscape.batches.length = 0;
    portrait.batches.length = 0;
    const first = await studio.call('show.go', {});
    expect([landscape.program, portrait.program]).toEqual(['Close', 'V Close']);
    expect(landscape.batches).toHaveLength(1);
    expect(portrait.batches).toHaveLength(1);
    expect(first.obs).toMatchObject({ state: 'applied', program: 'Close' });
    expect(first.obs.instances).toEqual([
      expect.objectContaining({
        instanceId: l,
        orientation: 'landscape',
        state: 'applied',
        program: 'Close',
      }),
      expect.objectContaining({
        instanceId: p,
        orientation: 'portrait',
        state: 'applied',
        program: 'V Close',
      }),
    ]);
    const second = await studio.call('show.go', {});
    expect([landscape.program, portrait.program]).toEqual(['Wide', 'V Wide']);
    expect(second.obs.instances?.map((i) => i.program)).toEqual(['Wide', 'V Wide']);
    // The overlay sources the cue shows are on in both OBS.
    for (const f of [landscape, portrait])
      expect(f.item('ShelfCast Overlays', 'ShelfCast · Product card')?.enabled).toBe(true);
  });

  it('warns before GO when the portrait OBS has no scene for the cue camera, naming that OBS', async () => {
    const l = await connect('Landscape', landscape, 'landscape');
    const p = await connect('Portrait', portrait, 'portrait', 'V ');
    await studio.call('obs.setCameras', {
      instanceId: p,
      cameras: [{ preset: 'wide', kind: 'scene', sceneName: 'V Wide', sourceName: null }],
    });
    const { show: s } = await show();
    await studio.call('show.select', { showId: s.id, obsInstanceId: l });
    expect((await studio.call('show.plan', {}))?.warnings).toEqual([]);
    await studio.call('show.select', { showId: s.id, obsInstanceId: l, alsoObsInstanceIds: [p] });
    expect((await studio.call('show.plan', {}))?.warnings).toEqual([
      {
        code: 'camera_unmapped',
        key: 'obs:obsOrient.warn.cameraUnmapped',
        params: { preset: 'close', name: 'Portrait' },
      },
    ]);
    // GO still switches what it can: the landscape camera, the portrait overlays.
    const go = await studio.call('show.go', {});
    expect(landscape.program).toBe('Close');
    expect(go.obs.instances?.[1]).toMatchObject({ instanceId: p, state: 'failed' });
  });

  it('keeps going on the landscape OBS when the portrait one is away, and says which one failed', async () => {
    const l = await connect('Landscape', landscape, 'landscape');
    const p = await connect('Portrait', portrait, 'portrait', 'V ');
    const { show: s } = await show();
    await studio.call('show.select', { showId: s.id, obsInstanceId: l, alsoObsInstanceIds: [p] });
    await portrait.stop();
    await waitFor('portrait away', async () => {
      const { connections } = await studio.call('obs.connections', {});
      return connections.find((x) => x.id === p)?.status.state !== 'connected';
    });
    const go = await studio.call('show.go', {});
    expect(landscape.program).toBe('Close');
    expect(go.obs.state).toBe('applied');
    expect(go.obs.instances?.[1]).toMatchObject({
      instanceId: p,
      state: 'skipped',
      key: 'showday:obs.notConnected',
      params: { name: 'Portrait' },
    });
    await portrait.start(portrait.port).catch(() => undefined);
  });

  it('one OBS alone answers exactly as before (no per-OBS list); other OBS need a main one', async () => {
    const l = await connect('Landscape', landscape, 'landscape');
    const p = await connect('Portrait', portrait, 'portrait', 'V ');
    const { show: s } = await show();
    await studio.call('show.select', { showId: s.id, obsInstanceId: l });
    const go = await studio.call('show.go', {});
    expect(go.obs).toEqual({ state: 'applied', key: null, params: {}, program: 'Close' });
    expect(portrait.program).toBe('Scene');
    const none = await studio.call('show.select', {
      showId: s.id,
      obsInstanceId: null,
      alsoObsInstanceIds: [p],
    });
    expect(none.alsoObsInstanceIds).toEqual([]);
    const err = await studio
      .call('show.select', { showId: s.id, obsInstanceId: l, alsoObsInstanceIds: [999] })
      .catch((e: unknown) => (e as ApiCallError).error);
    expect(err).toMatchObject({ code: 'not_found', key: 'obs:errors.noConnection' });
    // Removing the portrait connection takes it off the show.
    await studio.call('show.select', { showId: s.id, obsInstanceId: l, alsoObsInstanceIds: [p] });
    await studio.call('obs.removeConnection', { id: p });
    expect((await studio.call('show.state', {})).alsoObsInstanceIds).toEqual([]);
  });
});
