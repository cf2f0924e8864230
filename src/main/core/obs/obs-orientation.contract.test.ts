import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiCallError } from '@shared/api/client';
import { Studio } from '../studio';
import { OVERLAY_SCENE } from './overlay-provisioning';
import { FakeObsServer } from '../../../../test-support/obs/fake-obs-server';
import { waitFor } from '../../../../test-support/obs/wait';

beforeAll(() => {
  process.env.SHELFCAST_OVERLAY_PORT = '0';
});

/** An OBS connection's orientation: stored, provisioned (layout URL, size, canvas), refreshed. */
describe('OBS orientation against a protocol-level fake', () => {
  let landscape: FakeObsServer;
  let portrait: FakeObsServer;
  let studio: Studio;
  let dataDir: string;

  beforeEach(async () => {
    landscape = new FakeObsServer('pw-l');
    portrait = new FakeObsServer('pw-p');
    for (const f of [landscape, portrait]) {
      f.addScene('Wide');
      await f.start();
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-orient-'));
    studio = new Studio({ dataDir, mode: 'headless' });
    await studio.start();
  });

  afterEach(async () => {
    await studio.stop();
    await landscape.stop();
    await portrait.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function add(name: string, fake: FakeObsServer, orientation?: 'landscape' | 'portrait') {
    const c = await studio.call('obs.addConnection', {
      name,
      host: '127.0.0.1',
      port: fake.port,
      password: fake.password,
      ...(orientation ? { orientation } : {}),
    });
    await waitFor(`${name} connected`, async () => {
      const { connections } = await studio.call('obs.connections', {});
      return connections.find((x) => x.id === c.id)?.status.state === 'connected';
    });
    return c;
  }

  const code = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => (e as ApiCallError).error,
    );

  it('keeps the orientation with the connection (landscape by default), across a restart', async () => {
    const l = await add('Landscape', landscape);
    const p = await add('Portrait', portrait, 'portrait');
    expect(l.orientation).toBe('landscape');
    expect(p.orientation).toBe('portrait');
    // Changing only the orientation keeps the link up.
    const before = landscape.counts.connections;
    const changed = await studio.call('obs.updateConnection', { id: l.id, orientation: 'portrait' });
    expect(changed).toMatchObject({ orientation: 'portrait', status: { state: 'connected' } });
    expect(landscape.counts.connections).toBe(before);
    await studio.call('obs.updateConnection', { id: l.id, orientation: 'landscape' });
    await studio.stop();
    studio = new Studio({ dataDir, mode: 'headless' });
    await studio.start();
    const { connections } = await studio.call('obs.connections', {});
    expect(connections.map((c) => [c.name, c.orientation])).toEqual([
      ['Landscape', 'landscape'],
      ['Portrait', 'portrait'],
    ]);
  });

  it('provisions each OBS with its layout URL and stage size, and reports its canvas', async () => {
    const l = await add('Landscape', landscape);
    const p = await add('Portrait', portrait, 'portrait');
    const rl = await studio.call('obs.provisionOverlays', { instanceId: l.id, scenes: ['Wide'] });
    const rp = await studio.call('obs.provisionOverlays', { instanceId: p.id, scenes: ['Wide'] });
    expect(rl).toMatchObject({ orientation: 'landscape', canvas: { matches: true, changed: false } });
    expect(rp).toMatchObject({
      orientation: 'portrait',
      canvas: { baseWidth: 1920, baseHeight: 1080, matches: false, changed: false },
    });
    const pages = studio.overlays.pages();
    expect(pages).toHaveLength(6);
    for (const page of pages) {
      const ls = landscape.inputs.get(page.sourceName)!.settings;
      const ps = portrait.inputs.get(page.sourceName)!.settings;
      expect(ls).toMatchObject({ width: 1920, height: 1080 });
      expect(ps).toMatchObject({ width: 1080, height: 1920 });
      expect(new URL(String(ls.url)).searchParams.get('orientation')).toBe('landscape');
      expect(new URL(String(ps.url)).searchParams.get('orientation')).toBe('portrait');
      // Same page and token otherwise.
      const pu = new URL(String(ps.url));
      expect(pu.pathname).toBe(new URL(page.url).pathname);
      expect(pu.searchParams.get('token')).toBe(new URL(page.url).searchParams.get('token'));
    }
    // The canvas is never changed without the operator's yes.
    expect(portrait.requests).not.toContain('SetVideoSettings');
    expect(portrait.video).toMatchObject({ baseWidth: 1920, baseHeight: 1080 });

    // A landscape OBS switched to portrait: its sources are repaired to the portrait layout.
    await studio.call('obs.updateConnection', { id: l.id, orientation: 'portrait' });
    const repaired = await studio.call('obs.provisionOverlays', { instanceId: l.id, scenes: ['Wide'] });
    expect(repaired.updatedSources).toHaveLength(6);
    expect(landscape.inputs.get(pages[0]!.sourceName)!.settings).toMatchObject({ width: 1080, height: 1920 });
  });

  it('sets a portrait OBS canvas to 1080×1920 with SetVideoSettings only when asked, once', async () => {
    const p = await add('Portrait', portrait, 'portrait');
    const set = await studio.call('obs.provisionOverlays', { instanceId: p.id, scenes: [], setCanvas: true });
    expect(set.canvas).toEqual({
      baseWidth: 1080,
      baseHeight: 1920,
      outputWidth: 1080,
      outputHeight: 1920,
      matches: true,
      changed: true,
    });
    expect(portrait.video).toEqual({
      baseWidth: 1080,
      baseHeight: 1920,
      outputWidth: 1080,
      outputHeight: 1920,
    });
    expect(portrait.requests.filter((r) => r === 'SetVideoSettings')).toHaveLength(1);
    const again = await studio.call('obs.provisionOverlays', {
      instanceId: p.id,
      scenes: [],
      setCanvas: true,
    });
    expect(again).toMatchObject({ unchanged: true, canvas: { matches: true, changed: false } });
    expect(portrait.requests.filter((r) => r === 'SetVideoSettings')).toHaveLength(1);
  });

  it('says so when OBS refuses the canvas change while it streams, and changes nothing', async () => {
    const p = await add('Portrait', portrait, 'portrait');
    portrait.stream = { active: true };
    const err = await code(
      studio.call('obs.provisionOverlays', { instanceId: p.id, scenes: [], setCanvas: true }),
    );
    expect(err).toMatchObject({ code: 'conflict', key: 'obs:errors.outputState' });
    expect(portrait.video).toMatchObject({ baseWidth: 1920, baseHeight: 1080 });
  });

  it('refreshes one overlay browser source with refreshnocache', async () => {
    const l = await add('Landscape', landscape);
    await studio.call('obs.provisionOverlays', { instanceId: l.id, scenes: [] });
    landscape.requests.length = 0;
    const r = await studio.call('obs.refreshOverlay', { instanceId: l.id, overlay: 'countdown' });
    expect(r.sourceName).toBe('ShelfCast · Countdown');
    expect(landscape.requests).toContain('PressInputPropertiesButton');
    expect(landscape.scenes.get(OVERLAY_SCENE)!.map((i) => i.sourceName)).toContain(r.sourceName);
    // Not provisioned in that OBS: a translated not-found, not a silent success.
    const p = await add('Portrait', portrait, 'portrait');
    const err = await code(studio.call('obs.refreshOverlay', { instanceId: p.id, overlay: 'countdown' }));
    expect(err).toMatchObject({ code: 'not_found', key: 'obs:errors.notFoundInObs' });
  });

  it('takes screenshots of the program scene (or a named one) for the composite preview', async () => {
    const l = await add('Landscape', landscape);
    const a = await studio.call('obs.screenshot', { instanceId: l.id });
    expect(a.sceneName).toBe('Scene');
    expect(a.imageData).toMatch(/^data:image\/jpg;base64,/);
    expect(landscape.requests).toContain('GetSourceScreenshot');
    const gone = await studio.call('obs.screenshot', { instanceId: l.id, sceneName: 'No such scene' });
    expect(gone).toMatchObject({ sceneName: 'No such scene', imageData: null });
  });
});
