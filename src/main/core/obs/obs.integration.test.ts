import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OBSWebSocket from 'obs-websocket-js/json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCallError } from '@shared/api/client';
import type { ConnectionStatus } from '@shared/api/domains/obs';
import { Studio } from '../studio';
import { startHeadlessObs, type HeadlessObs } from '../../../../test-support/obs/obs-harness';
import { sceneCollection } from '../../../../test-support/obs/scene-collection';
import { waitFor } from '../../../../test-support/obs/wait';

/**
 * The studio against a real, headless OBS Studio 29 (obs-websocket 5.1), one instance for the
 * whole file. Needs `obs` and `xvfb-run` (CI installs obs-studio and xvfb).
 */
describe('OBS control against real OBS', { timeout: 60_000 }, () => {
  let obs: HeadlessObs;
  let bare: OBSWebSocket;
  let studio: Studio;
  let dataDir: string;
  let id: number;
  const statuses: Array<{ instanceId: number; status: ConnectionStatus }> = [];
  const programEvents: string[] = [];

  const connectBare = async () => {
    bare = new OBSWebSocket();
    await bare.connect(obs.url, obs.password);
    bare.on('CurrentProgramSceneChanged', (e) => programEvents.push(e.sceneName));
  };

  const expectCode = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiCallError);
    return (err as ApiCallError).error;
  };

  const statusOf = async (instanceId: number) =>
    (await studio.call('obs.connections', {})).connections.find((c) => c.id === instanceId)!.status;

  beforeAll(async () => {
    // Scenes, colour "cameras" and a group (obs-websocket cannot create groups) from a collection file.
    obs = await startHeadlessObs({
      sceneCollection: sceneCollection({
        colors: { 'Cam A1': 0xff0000ff, 'Cam A2': 0xff00ff00, 'Booth cam': 0xffff0000 },
        scenes: { Scene: [], 'Camera A': ['Cam A1', 'Cam A2', 'Booth'], 'Camera B': [], Wide: [] },
        groups: { Booth: ['Booth cam'] },
      }),
    });
    await connectBare();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-obs-it-'));
    studio = new Studio({ dataDir, mode: 'headless' });
    studio.events.on('obs.status', (s) => statuses.push(s));
    await studio.start();
    id = (
      await studio.call('obs.addConnection', {
        name: '主机位 OBS',
        host: '127.0.0.1',
        port: obs.port,
        password: obs.password,
      })
    ).id;
    await studio.call('obs.setCameras', {
      instanceId: id,
      cameras: [
        { preset: '主播', kind: 'source', sceneName: 'Camera A', sourceName: 'Cam A1' },
        { preset: '产品特写', kind: 'source', sceneName: 'Camera A', sourceName: 'Cam A2' },
        { preset: '全景', kind: 'scene', sceneName: 'Wide', sourceName: null },
        { preset: '展台', kind: 'source', sceneName: 'Camera A', sourceName: 'Booth cam' },
      ],
    });
    await waitFor('connected', async () => (await statusOf(id)).state === 'connected', 20_000);
  }, 90_000);

  afterAll(async () => {
    await bare?.disconnect().catch(() => undefined);
    await studio?.stop();
    await obs?.dispose();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('connects, reports versions and reads the scenes and cameras by name', async () => {
    const status = await statusOf(id);
    expect(status).toMatchObject({ state: 'connected', obsVersion: expect.stringMatching(/^29\./) });
    expect(status.websocketVersion).toMatch(/^5\./);
    const state = await studio.call('obs.state', { instanceId: id });
    expect(state.scenes).toEqual(expect.arrayContaining(['Camera A', 'Camera B', 'Wide']));
    expect(state.cameras.map((c) => c.found)).toEqual([true, true, true, true]);
    expect(['ok', 'warning']).toContain(studio.status.get('obs')?.state);
  });

  it('switches scenes in normal mode, verified by GetCurrentProgramScene and events', async () => {
    programEvents.length = 0;
    await studio.call('obs.setProgram', { instanceId: id, sceneName: 'Camera B' });
    expect((await bare.call('GetCurrentProgramScene')).currentProgramSceneName).toBe('Camera B');
    await waitFor('program event', () => programEvents.includes('Camera B'));
    // A change made in OBS by someone else reaches the studio's state through events.
    await bare.call('SetCurrentProgramScene', { sceneName: 'Wide' });
    await waitFor(
      'studio saw Wide',
      async () => (await studio.call('obs.state', { instanceId: id })).program === 'Wide',
    );
    await studio.call('obs.camera', { instanceId: id, preset: '产品特写' });
    const items = (await bare.call('GetSceneItemList', { sceneName: 'Camera A' })).sceneItems;
    expect(Object.fromEntries(items.map((i) => [i.sourceName, i.sceneItemEnabled]))).toEqual({
      'Cam A1': false,
      'Cam A2': true,
      Booth: true,
    });
    // A camera inside a group, found by name.
    await studio.call('obs.camera', { instanceId: id, preset: '展台' });
    const group = (await bare.call('GetGroupSceneItemList', { sceneName: 'Booth' })).sceneItems;
    expect(group.find((i) => i.sourceName === 'Booth cam')?.sceneItemEnabled).toBe(true);
    const outer = (await bare.call('GetSceneItemList', { sceneName: 'Camera A' })).sceneItems;
    expect(outer.filter((i) => i.sceneItemEnabled).map((i) => i.sourceName)).toEqual(['Booth']);
    // Camera and item visibility as one batch.
    await studio.call('obs.applyCue', {
      instanceId: id,
      cameraPreset: '全景',
      itemVisibility: [{ sceneName: 'Camera A', sourceName: 'Cam A2', visible: false }],
    });
    expect((await bare.call('GetCurrentProgramScene')).currentProgramSceneName).toBe('Wide');
    const after = (await bare.call('GetSceneItemList', { sceneName: 'Camera A' })).sceneItems;
    expect(after.find((i) => i.sourceName === 'Cam A2')?.sceneItemEnabled).toBe(false);
    const missing = await expectCode(studio.call('obs.setProgram', { instanceId: id, sceneName: 'Nope' }));
    expect(missing).toMatchObject({ code: 'not_found', key: 'obs:errors.notFoundInObs' });
  });

  it('switches in studio mode with take and cut', async () => {
    await studio.call('obs.studioMode', { instanceId: id, enabled: true });
    await waitFor('studio mode on', async () => (await bare.call('GetStudioModeEnabled')).studioModeEnabled);
    await studio.call('obs.setPreview', { instanceId: id, sceneName: 'Camera A' });
    // OBS applies a preview change on its UI thread, just after it answers.
    await waitFor(
      'preview set',
      async () => (await bare.call('GetCurrentPreviewScene')).currentPreviewSceneName === 'Camera A',
    );
    programEvents.length = 0;
    await studio.call('obs.take', { instanceId: id });
    await waitFor(
      'take landed',
      async () => (await bare.call('GetCurrentProgramScene')).currentProgramSceneName === 'Camera A',
    );
    await waitFor('take event', () => programEvents.includes('Camera A'));
    await studio.call('obs.setPreview', { instanceId: id, sceneName: 'Camera B' });
    await waitFor(
      'preview set',
      async () => (await bare.call('GetCurrentPreviewScene')).currentPreviewSceneName === 'Camera B',
    );
    await studio.call('obs.cut', { instanceId: id });
    await waitFor(
      'cut landed',
      async () => (await bare.call('GetCurrentProgramScene')).currentProgramSceneName === 'Camera B',
    );
    // The cut restored the operator's transition. OBS applies the batch's requests on its UI thread
    // after answering, in order: the program scene can show the cut just before the restore lands.
    await waitFor(
      'transition restored',
      async () => (await bare.call('GetCurrentSceneTransition')).transitionName === 'Fade',
      2_000,
    );
    expect((await bare.call('GetCurrentSceneTransition')).transitionName).toBe('Fade');
    await waitFor('studio state', async () => {
      const s = await studio.call('obs.state', { instanceId: id });
      return s.studioMode && s.program === 'Camera B';
    });
    await studio.call('obs.studioMode', { instanceId: id, enabled: false });
  });

  it('starts and stops a recording and the file is on disk', async () => {
    await studio.call('obs.record', { instanceId: id, action: 'start' });
    await waitFor('recording', async () => (await bare.call('GetRecordStatus')).outputActive);
    await new Promise((r) => setTimeout(r, 1000)); // a second of footage, not a readiness wait
    const out = await studio.call('obs.record', { instanceId: id, action: 'stop' });
    const file = out.record.lastPath!;
    // The output stops a moment after StopRecord answers; the studio learns it from the event.
    await waitFor(
      'stopped in the studio state',
      async () => !(await studio.call('obs.state', { instanceId: id })).outputs.record.active,
    );
    await waitFor('stopped in OBS', async () => !(await bare.call('GetRecordStatus')).outputActive);
    expect(path.dirname(file)).toBe(obs.recordDir);
    await waitFor('file written', () => fs.existsSync(file) && fs.statSync(file).size > 0);
  });

  it('reads health stats', async () => {
    const health = await waitFor('health figures', async () => {
      const h = await studio.call('obs.health', { instanceId: id });
      return h && h.activeFps > 0 && h.renderTotalFrames > 0 ? h : null;
    });
    expect(health.targetFps).toBeGreaterThan(0);
    expect(health.diskFreeMb).toBeGreaterThan(0);
    expect(health.memoryMb).toBeGreaterThan(0);
    expect(Array.isArray(health.warnings)).toBe(true);
  });

  it('says plainly that this OBS has no browser source', async () => {
    const err = await expectCode(studio.call('obs.provisionOverlays', { instanceId: id, scenes: ['Wide'] }));
    expect(err).toMatchObject({ code: 'unavailable', key: 'obs:errors.noBrowserSource' });
    expect((await bare.call('GetSceneList')).scenes.map((s) => s.sceneName)).not.toContain(
      'ShelfCast Overlays',
    );
  });

  it('refuses a wrong password without a retry storm', async () => {
    const wrong = await studio.call('obs.addConnection', {
      name: 'Wrong password',
      host: '127.0.0.1',
      port: obs.port,
      password: 'not-the-password',
    });
    await waitFor('failed', async () => (await statusOf(wrong.id)).state === 'failed');
    await new Promise((r) => setTimeout(r, 2500)); // would have seen several retries by now
    const attempts = statuses.filter((s) => s.instanceId === wrong.id && s.status.state === 'connecting');
    expect(attempts).toHaveLength(1);
    expect(await statusOf(wrong.id)).toMatchObject({ state: 'failed', reason: 'auth_failed', attempt: 1 });
    expect(studio.status.get('obs')?.state).toBe('error');
    await studio.call('obs.removeConnection', { id: wrong.id });
  });

  it('reconnects and resyncs by itself after OBS is killed, failing calls fast meanwhile', async () => {
    const before = await studio.call('obs.state', { instanceId: id });
    await bare.disconnect();
    await obs.crash();
    await waitFor('noticed the loss', async () => (await statusOf(id)).state !== 'connected', 5000);
    const t0 = Date.now();
    const down = await expectCode(studio.call('obs.setProgram', { instanceId: id, sceneName: 'Wide' }));
    expect(Date.now() - t0).toBeLessThan(500);
    expect(down).toMatchObject({ code: 'unavailable', key: 'obs:errors.notConnected' });
    const retrying = await waitFor('retrying', async () => {
      const s = await statusOf(id);
      return s.state === 'retrying' ? s : null;
    });
    expect(retrying.retryAt).toBeGreaterThan(0);
    expect(['warning', 'error']).toContain(studio.status.get('obs')?.state);

    await obs.start();
    await waitFor('reconnected', async () => (await statusOf(id)).state === 'connected', 15_000);
    await connectBare();
    const after = await studio.call('obs.state', { instanceId: id });
    expect(after.syncedAt).toBeGreaterThan(before.syncedAt);
    const truth = await bare.call('GetSceneList');
    expect([...after.scenes].sort()).toEqual(truth.scenes.map((s) => String(s.sceneName)).sort());
    expect(after.program).toBe(truth.currentProgramSceneName);
    expect(after.cameras.map((c) => c.found)).toEqual([true, true, true, true]);
    // Item ids were resolved afresh: the camera switch works on the restarted OBS.
    await studio.call('obs.camera', { instanceId: id, preset: '主播' });
    const items = (await bare.call('GetSceneItemList', { sceneName: 'Camera A' })).sceneItems;
    expect(items.find((i) => i.sourceName === 'Cam A1')?.sceneItemEnabled).toBe(true);
    await studio.call('obs.setProgram', { instanceId: id, sceneName: 'Wide' });
    expect((await bare.call('GetCurrentProgramScene')).currentProgramSceneName).toBe('Wide');

    // Someone re-adds the camera in OBS: it gets a new scene item id, which the studio finds by name.
    // (Add the new item first: OBS deletes a source when its last item goes.)
    const old = items.find((i) => i.sourceName === 'Cam A2')!;
    const { sceneItemId: fresh } = await bare.call('CreateSceneItem', {
      sceneName: 'Camera A',
      sourceName: 'Cam A2',
      sceneItemEnabled: false,
    });
    await bare.call('RemoveSceneItem', { sceneName: 'Camera A', sceneItemId: Number(old.sceneItemId) });
    expect(fresh).not.toBe(old.sceneItemId);
    await waitFor('camera found again', async () => {
      const s = await studio.call('obs.state', { instanceId: id });
      return s.cameras[1]?.found;
    });
    await studio.call('obs.camera', { instanceId: id, preset: '产品特写' });
    const { sceneItemEnabled } = await bare.call('GetSceneItemEnabled', {
      sceneName: 'Camera A',
      sceneItemId: fresh,
    });
    expect(sceneItemEnabled).toBe(true);
  });
});
