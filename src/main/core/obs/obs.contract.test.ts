import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '@shared/api/client';
import { Studio } from '../studio';
import { FakeObsServer } from '../../../../test-support/obs/fake-obs-server';
import { waitFor } from '../../../../test-support/obs/wait';

/** The studio against a protocol-level fake obs-websocket 5 server. */
describe('OBS control against a protocol-level fake', () => {
  let fake: FakeObsServer;
  let studio: Studio;
  let dataDir: string;

  beforeEach(async () => {
    fake = new FakeObsServer('fake-pass-' + Math.random().toString(36).slice(2));
    fake.addScene('Cameras', [
      { sourceName: 'Anchor cam' },
      { sourceName: 'Booth', isGroup: true, inputKind: null },
    ]);
    fake.addScene('Booth', [{ sourceName: 'Close-up cam' }, { sourceName: 'Price card' }]);
    fake.addScene('Wide');
    fake.inputs.set('Anchor mic', { kind: 'pulse_input_capture', settings: {}, muted: false });
    await fake.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-obs-'));
    studio = new Studio({ dataDir, mode: 'headless' });
    await studio.start();
  });

  afterEach(async () => {
    await studio.stop();
    await fake.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const add = (password = fake.password) =>
    studio.call('obs.addConnection', { name: 'Main', host: '127.0.0.1', port: fake.port, password });

  const connected = (id: number) =>
    waitFor('connected', async () => {
      const { connections } = await studio.call('obs.connections', {});
      return connections.find((c) => c.id === id)?.status.state === 'connected';
    });

  it('connects, reads the state and seals the password', async () => {
    const c = await add();
    await connected(c.id);
    const state = await studio.call('obs.state', { instanceId: c.id });
    expect(state.scenes).toEqual(['Scene', 'Cameras', 'Booth', 'Wide']);
    expect(state.program).toBe('Scene');
    const { connections } = await studio.call('obs.connections', {});
    expect(connections[0]!.status).toMatchObject({ obsVersion: '29.0.2', websocketVersion: '5.1.0' });
    expect(studio.status.get('obs')).toMatchObject({ state: 'ok', detailKey: 'obs:status.connected' });
    const raw = new Database(path.join(dataDir, 'shelfcast.db'), { readonly: true });
    const sealed = raw
      .prepare<[], { sealed: Buffer }>("SELECT sealed FROM secret WHERE name LIKE 'obs.%'")
      .all();
    raw.close();
    expect(sealed).toHaveLength(1);
    expect(sealed[0]!.sealed.toString('latin1')).not.toContain(fake.password);
  });

  it('refuses a wrong password once and stays failed until the operator changes it', async () => {
    const c = await add('wrong');
    await waitFor(
      'failed',
      async () => (await studio.call('obs.connections', {})).connections[0]!.status.state === 'failed',
    );
    await new Promise((r) => setTimeout(r, 1500));
    const status = (await studio.call('obs.connections', {})).connections[0]!.status;
    expect(status).toMatchObject({ state: 'failed', reason: 'auth_failed', attempt: 1 });
    expect(fake.counts.identifyAttempts).toBe(1);
    expect(studio.status.get('obs')?.state).toBe('error');
    await studio.call('obs.updateConnection', { id: c.id, password: fake.password });
    await connected(c.id);
  });

  it('rejects calls in flight when the socket drops and fails fast while OBS is away', async () => {
    const c = await add();
    await connected(c.id);
    fake.silent = true;
    const pending = studio.call('obs.setProgram', { instanceId: c.id, sceneName: 'Wide' });
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await fake.stop();
    const err = await pending.catch((e: unknown) => e);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).error).toMatchObject({
      code: 'unavailable',
      key: 'obs:errors.disconnected',
    });
    const t1 = Date.now();
    const down = await studio
      .call('obs.setProgram', { instanceId: c.id, sceneName: 'Wide' })
      .catch((e: unknown) => e);
    expect(Date.now() - t1).toBeLessThan(200);
    expect((down as ApiCallError).error).toMatchObject({
      code: 'unavailable',
      key: 'obs:errors.notConnected',
    });
    const retrying = (await studio.call('obs.connections', {})).connections[0]!.status;
    expect(retrying.state === 'retrying' || retrying.state === 'connecting').toBe(true);
    await fake.start(fake.port);
    fake.silent = false;
    await connected(c.id);
  });

  it('drops a half-open socket found by the heartbeat', async () => {
    const c = await add();
    await connected(c.id);
    fake.silent = true;
    const t0 = Date.now();
    const seen = await waitFor('heartbeat drop', async () => {
      const s = (await studio.call('obs.connections', {})).connections[0]!.status;
      return s.reason === 'heartbeat' ? s : null;
    });
    expect(Date.now() - t0).toBeLessThan(4500);
    expect(seen.state === 'retrying' || seen.state === 'connecting').toBe(true);
    fake.silent = false;
    await connected(c.id);
  });

  it('switches cameras by name (inside groups) and applies a cue as one frame-synced batch', async () => {
    const c = await add();
    await studio.call('obs.setCameras', {
      instanceId: c.id,
      cameras: [
        { preset: '主播', kind: 'source', sceneName: 'Cameras', sourceName: 'Anchor cam' },
        { preset: '特写', kind: 'source', sceneName: 'Cameras', sourceName: 'Close-up cam' },
        { preset: '全景', kind: 'scene', sceneName: 'Wide', sourceName: null },
      ],
    });
    await connected(c.id);
    const state = await studio.call('obs.state', { instanceId: c.id });
    expect(state.cameras.map((k) => [k.key, k.found])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ]);
    await studio.call('obs.camera', { instanceId: c.id, preset: '特写' });
    expect(fake.item('Booth', 'Close-up cam')!.enabled).toBe(true);
    expect(fake.item('Cameras', 'Anchor cam')!.enabled).toBe(false);
    fake.batches.length = 0;
    await studio.call('obs.applyCue', {
      instanceId: c.id,
      cameraPreset: '主播',
      itemVisibility: [{ sceneName: 'Cameras', sourceName: 'Price card', visible: false }],
    });
    expect(fake.batches).toEqual([
      {
        executionType: 1,
        requestTypes: ['SetSceneItemEnabled', 'SetSceneItemEnabled', 'SetSceneItemEnabled'],
      },
    ]);
    expect(fake.item('Cameras', 'Anchor cam')!.enabled).toBe(true);
    expect(fake.item('Booth', 'Close-up cam')!.enabled).toBe(false);
    expect(fake.item('Booth', 'Price card')!.enabled).toBe(false);
    await studio.call('obs.camera', { instanceId: c.id, preset: '全景' });
    expect(fake.program).toBe('Wide');
    // The item was re-created in OBS and the studio missed it: OBS refuses the old id, the
    // studio looks the name up again and the switch still lands.
    fake.item('Booth', 'Close-up cam')!.sceneItemId = 9001;
    await studio.call('obs.camera', { instanceId: c.id, preset: '特写' });
    expect(fake.item('Booth', 'Close-up cam')!.enabled).toBe(true);
    expect(fake.item('Cameras', 'Anchor cam')!.enabled).toBe(false);
    const missing = await studio
      .call('obs.applyCue', {
        instanceId: c.id,
        itemVisibility: [{ sceneName: 'Cameras', sourceName: 'Nope', visible: true }],
      })
      .catch((e: unknown) => (e as ApiCallError).error);
    expect(missing).toMatchObject({ code: 'not_found', key: 'obs:errors.notFoundInObs' });
  });

  it('takes and cuts in studio mode and mutes chosen inputs', async () => {
    const c = await add();
    await connected(c.id);
    await studio.call('obs.studioMode', { instanceId: c.id, enabled: true });
    await studio.call('obs.setPreview', { instanceId: c.id, sceneName: 'Wide' });
    await studio.call('obs.take', { instanceId: c.id });
    expect(fake.program).toBe('Wide');
    await studio.call('obs.setPreview', { instanceId: c.id, sceneName: 'Cameras' });
    fake.batches.length = 0;
    await studio.call('obs.cut', { instanceId: c.id });
    expect(fake.program).toBe('Cameras');
    expect(fake.batches[0]!.requestTypes).toEqual([
      'SetCurrentSceneTransition',
      'TriggerStudioModeTransition',
      'SetCurrentSceneTransition',
    ]);
    await studio.call('obs.setAudioInputs', { instanceId: c.id, inputs: ['Anchor mic'] });
    await studio.call('obs.mute', { instanceId: c.id, inputName: 'Anchor mic', muted: true });
    expect(fake.inputs.get('Anchor mic')!.muted).toBe(true);
    await waitFor('mute in state', async () => {
      const s = await studio.call('obs.state', { instanceId: c.id });
      return s.mutes[0]?.muted === true;
    });
    await studio.call('obs.studioMode', { instanceId: c.id, enabled: false });
    const err = await studio
      .call('obs.take', { instanceId: c.id })
      .catch((e: unknown) => (e as ApiCallError).error);
    expect(err).toMatchObject({ code: 'conflict', key: 'obs:errors.studioModeOff' });
  });

  it('provisions the overlay scene idempotently and reloads its browser sources', async () => {
    const c = await add();
    await connected(c.id);
    const pages = [
      {
        id: 'product-card',
        sourceName: 'ShelfCast · Product card',
        url: 'http://127.0.0.1:4790/overlay/product-card?token=t',
        width: 1920,
        height: 1080,
      },
      {
        id: 'ticker',
        sourceName: 'ShelfCast · Price ticker',
        url: 'http://127.0.0.1:4790/overlay/ticker?token=t',
        width: 1920,
        height: 1080,
      },
    ];
    const { provisionOverlays, reloadOverlays } = await import('./overlay-provisioning');
    const session = studio.obs.service.entry(c.id).conn.require();
    const first = await provisionOverlays(session, pages, ['Cameras', 'Wide']);
    expect(first).toMatchObject({
      createdScene: true,
      createdSources: pages.map((p) => p.sourceName),
      nestedInto: ['Cameras', 'Wide'],
      unchanged: false,
    });
    expect(fake.inputs.get('ShelfCast · Product card')).toMatchObject({
      kind: 'browser_source',
      settings: {
        url: pages[0]!.url + '&orientation=landscape',
        width: 1920,
        height: 1080,
        css: expect.stringContaining('rgba(0, 0, 0, 0)'),
      },
    });
    const second = await provisionOverlays(session, pages, ['Cameras', 'Wide']);
    expect(second).toMatchObject({
      createdScene: false,
      createdSources: [],
      updatedSources: [],
      nestedInto: [],
      unchanged: true,
    });
    // Repair: someone changed a URL in OBS.
    fake.inputs.get('ShelfCast · Price ticker')!.settings.url = 'http://elsewhere/';
    const third = await provisionOverlays(session, pages, ['Wide']);
    expect(third).toMatchObject({ updatedSources: ['ShelfCast · Price ticker'], unchanged: false });
    expect(fake.scenes.get('Wide')!.filter((i) => i.sourceName === 'ShelfCast Overlays')).toHaveLength(1);
    fake.requests.length = 0;
    expect(await reloadOverlays(session)).toEqual(pages.map((p) => p.sourceName));
    expect(fake.requests.filter((r) => r === 'PressInputPropertiesButton')).toHaveLength(2);
  });

  it('says plainly when OBS has no browser source', async () => {
    fake.inputKinds = fake.inputKinds.filter((k) => k !== 'browser_source');
    const c = await add();
    await connected(c.id);
    const err = await studio
      .call('obs.provisionOverlays', { instanceId: c.id, scenes: ['Wide'] })
      .catch((e: unknown) => (e as ApiCallError).error);
    expect(err).toMatchObject({ code: 'unavailable', key: 'obs:errors.noBrowserSource' });
    expect(fake.requests).not.toContain('CreateScene');
  });

  it('runs one connect at a time when retries pile up, and ends with one live session', async () => {
    const c = await add();
    for (let i = 0; i < 5; i++) await studio.call('obs.retryNow', { id: c.id });
    await connected(c.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.identifiedClients).toBe(1);
    expect(fake.counts.connections).toBeLessThanOrEqual(3);
    // A settings change while a connect is in flight still ends connected with the new settings.
    fake.silent = true;
    await studio.call('obs.retryNow', { id: c.id });
    await studio.call('obs.updateConnection', { id: c.id, name: 'Main renamed' });
    fake.silent = false;
    await connected(c.id);
    expect((await studio.call('obs.connections', {})).connections[0]!.name).toBe('Main renamed');
  });

  it('fails for good when OBS refuses the protocol version', async () => {
    fake.refuseRpc = true;
    await add();
    await waitFor(
      'failed',
      async () => (await studio.call('obs.connections', {})).connections[0]!.status.state === 'failed',
    );
    expect((await studio.call('obs.connections', {})).connections[0]!.status.reason).toBe('protocol_too_old');
    await new Promise((r) => setTimeout(r, 800));
    expect(fake.counts.identifyAttempts).toBe(1);
  });

  it('throttles camera thumbnails and forgets a removed connection entirely', async () => {
    const c = await add();
    await studio.call('obs.setCameras', {
      instanceId: c.id,
      cameras: [{ preset: '全景', kind: 'scene', sceneName: 'Wide', sourceName: null }],
    });
    await connected(c.id);
    const shots = () => fake.requests.filter((r) => r === 'GetSourceScreenshot').length;
    const [a, b] = await Promise.all([
      studio.call('obs.thumbnails', { instanceId: c.id }),
      studio.call('obs.thumbnails', { instanceId: c.id }),
    ]);
    await studio.call('obs.thumbnails', { instanceId: c.id });
    expect(shots()).toBe(1);
    expect(a.thumbnails[0]!.imageData).toMatch(/^data:image/);
    expect(b).toEqual(a);
    await studio.call('obs.removeConnection', { id: c.id });
    const raw = new Database(path.join(dataDir, 'shelfcast.db'), { readonly: true });
    const left = raw
      .prepare<[], { n: number }>(
        "SELECT (SELECT count(*) FROM obs_camera) + (SELECT count(*) FROM secret WHERE name LIKE 'obs.%') AS n",
      )
      .get()!.n;
    raw.close();
    expect(left).toBe(0);
    await waitFor('socket closed', () => fake.identifiedClients === 0);
    expect(studio.status.get('obs')).toMatchObject({ state: 'idle', detailKey: 'status.detail.obsNone' });
  });

  it('keeps connection names unique and runs the recording through pause and resume', async () => {
    const c = await add();
    const dup = await add().catch((e: unknown) => (e as ApiCallError).error);
    expect(dup).toMatchObject({
      code: 'conflict',
      key: 'obs:errors.duplicateName',
      params: { name: 'Main' },
    });
    await connected(c.id);
    const rec = (action: 'start' | 'stop' | 'pause' | 'resume') =>
      studio.call('obs.record', { instanceId: c.id, action });
    expect((await rec('start')).record).toMatchObject({ active: true, paused: false });
    expect((await rec('pause')).record).toMatchObject({ active: true, paused: true });
    const again = await rec('pause').catch((e: unknown) => (e as ApiCallError).error);
    expect(again).toMatchObject({ code: 'conflict', key: 'obs:errors.outputState' });
    expect((await rec('resume')).record).toMatchObject({ active: true, paused: false });
    expect((await rec('stop')).record).toMatchObject({ active: false, lastPath: '/tmp/fake.mkv' });
  });
});
