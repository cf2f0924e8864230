import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '@shared/api/client';
import { FakeObsServer } from '../../../../test-support/obs/fake-obs-server';
import { waitFor } from '../../../../test-support/obs/wait';
import { OVERLAY_SCENE } from '../obs/overlay-provisioning';
import { Studio } from '../studio';
import { supportsChapters } from '../obs/cue-obs';

/** The show console in a real in-memory studio, driving a protocol-level fake OBS. */
describe('show console', () => {
  let fake: FakeObsServer;
  let studio: Studio;
  let dataDir: string;

  beforeEach(async () => {
    fake = new FakeObsServer('pw');
    fake.addScene('Wide');
    fake.addScene('Close');
    await fake.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-showday-'));
    studio = new Studio({ dataDir, mode: 'headless', overlays: { port: 0 } });
    await studio.start();
  });

  afterEach(async () => {
    await studio.stop();
    await fake.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function demoShow() {
    const product = (nameZh: string, stock: number) =>
      studio.call('shelf.create', {
        product: {
          nameZh,
          listPriceFen: 3990,
          livePriceFen: 2990,
          stock,
          status: 'ready',
          originCounty: '秦安县',
        },
      });
    const a = await product('秦安蜜桃', 50);
    const b = await product('定西马铃薯', 5);
    const c = await product('和田大枣', 80);
    const show = await studio.call('shows.create', { title: '甘肃好物', showDate: '2026-11-21' });
    const slot = (productId: number, cameraPreset: string, presenterName = '') =>
      studio.call('rundown.addSlot', { showId: show.id, productId, cameraPreset, presenterName });
    const s1 = await slot(a.product.id, 'wide', '王县长');
    const s2 = await slot(b.product.id, 'close');
    const s3 = await slot(c.product.id, 'wide');
    return { show, products: [a.product, b.product, c.product], slots: [s1, s2, s3] };
  }

  async function connectObs() {
    const c = await studio.call('obs.addConnection', {
      name: 'Main',
      host: '127.0.0.1',
      port: fake.port,
      password: fake.password,
    });
    await waitFor('connected', async () => {
      const { connections } = await studio.call('obs.connections', {});
      return connections[0]?.status.state === 'connected';
    });
    await studio.call('obs.setCameras', {
      instanceId: c.id,
      cameras: [
        { preset: 'wide', kind: 'scene', sceneName: 'Wide', sourceName: null },
        { preset: 'close', kind: 'scene', sceneName: 'Close', sourceName: null },
      ],
    });
    return c.id;
  }

  it('GO fires the standby cue: one OBS batch, overlays, on air, the log; then stands by the next', async () => {
    const { show, products, slots } = await demoShow();
    const obsId = await connectObs();
    await studio.call('obs.provisionOverlays', { instanceId: obsId, scenes: [] });
    await studio.call('show.select', { showId: show.id, obsInstanceId: obsId });
    await studio.call('cues.update', { slotId: slots[0]!.id, settings: { countdownSeconds: 60 } });

    const plan = await studio.call('show.plan', {});
    expect(plan?.cue.slotId).toBe(slots[0]!.id);
    expect(plan?.programScene).toBe('Wide');
    expect(plan?.overlayPreview.productCard.product?.id).toBe(products[0]!.id);
    expect(plan?.overlayPreview.lowerThird).toMatchObject({ visible: true, name: '王县长' });

    fake.batches.length = 0;
    const revBefore = studio.overlays.state.state().rev;
    const go = await studio.call('show.go', {});
    expect(go.obs.state).toBe('applied');
    expect(fake.batches).toHaveLength(1);
    expect(fake.batches[0]!.requestTypes[0]).toBe('SetCurrentProgramScene');
    expect(fake.batches[0]!.requestTypes.filter((t) => t === 'SetSceneItemEnabled')).toHaveLength(4);
    expect(fake.program).toBe('Wide');
    expect(fake.item(OVERLAY_SCENE, 'ShelfCast · Lower third')?.enabled).toBe(true);
    // One visible change for the whole cue (the on-air move after it changes nothing on screen).
    const st = studio.overlays.state.state();
    expect(st.rev).toBe(revBefore + 1);
    expect(st.productCard).toMatchObject({ visible: true, product: { id: products[0]!.id } });
    expect(st.countdown).toMatchObject({ visible: true, status: 'running', productId: products[0]!.id });
    expect(go.state).toMatchObject({ onAirSlotId: slots[0]!.id, standbySlotId: slots[1]!.id });

    await studio.call('show.go', {});
    expect(fake.program).toBe('Close');
    const after = studio.overlays.state.state();
    expect(after.lowerThird.visible).toBe(false);
    expect(after.countdown.visible).toBe(false);

    const { entries } = await studio.call('show.log', { showId: show.id });
    expect(entries.filter((e) => e.action === 'go').map((e) => e.slotId)).toEqual([
      slots[1]!.id,
      slots[0]!.id,
    ]);
    expect(entries.filter((e) => e.action === 'on_air')).toHaveLength(2);
  });

  it('Live N/P, Rundown 上播 and rundown.next/previous/setOnAir go through the cue path, like GO', async () => {
    const { show, slots } = await demoShow();
    const obsId = await connectObs();
    await studio.call('obs.provisionOverlays', { instanceId: obsId, scenes: [] });
    await studio.call('show.select', { showId: show.id, obsInstanceId: obsId });
    const operator = { role: 'operator', transport: 'http', label: 'deck' } as const;

    const first = await studio.dispatch('rundown.next', { showId: show.id }, operator);
    expect(first).toMatchObject({ ok: true, value: { onAirSlotId: slots[0]!.id } });
    expect(fake.program).toBe('Wide');
    expect(studio.overlays.state.state().lowerThird).toMatchObject({ visible: true, name: '王县长' });
    expect((await studio.call('show.state', {})).standbySlotId).toBe(slots[1]!.id);

    await studio.dispatch('rundown.next', { showId: show.id }, operator);
    expect(fake.program).toBe('Close');
    expect(studio.overlays.state.state().lowerThird.visible).toBe(false);
    expect(await studio.call('show.state', {})).toMatchObject({
      onAirSlotId: slots[1]!.id,
      standbySlotId: slots[2]!.id,
    });

    await studio.dispatch('rundown.previous', { showId: show.id }, operator);
    expect(fake.program).toBe('Wide');
    await studio.dispatch('rundown.setOnAir', { showId: show.id, slotId: slots[2]!.id }, operator);
    expect((await studio.call('show.state', {})).onAirSlotId).toBe(slots[2]!.id);
    // N at the last cue fires nothing again.
    const gos = async () =>
      (await studio.call('show.log', { showId: show.id })).entries.filter((e) => e.action === 'go');
    expect(await gos()).toHaveLength(4);
    await studio.dispatch('rundown.next', { showId: show.id }, operator);
    expect(await gos()).toHaveLength(4);
    expect((await gos())[0]).toMatchObject({ slotId: slots[2]!.id, actor: 'operator:deck' });

    // Off air moves only the card; another show cannot go on air while this one is.
    await studio.call('rundown.setOnAir', { showId: show.id, slotId: null });
    expect((await studio.call('show.state', {})).onAirSlotId).toBeNull();
    const other = await studio.call('shows.create', { title: '第二场', showDate: '2026-11-22' });
    await studio.call('rundown.addSlot', { showId: other.id, productId: slots[0]!.productId });
    await studio.call('rundown.next', { showId: show.id });
    await expect(studio.call('rundown.next', { showId: other.id })).rejects.toMatchObject({
      error: { code: 'conflict', key: 'showday:onAir.otherShowOnAir' },
    });
  });

  it('OBS restarted with another program: the console reports the mismatch, re-apply puts the cue back (by hand, then automatically)', async () => {
    const { show, slots } = await demoShow();
    const obsId = await connectObs();
    await studio.call('obs.provisionOverlays', { instanceId: obsId, scenes: [] });
    await studio.call('show.select', { showId: show.id, obsInstanceId: obsId });
    await studio.call('show.go', { slotId: slots[0]!.id });
    expect(fake.program).toBe('Wide');
    expect((await studio.call('show.state', {})).obsMismatch).toBeNull();

    const restart = async (program: string) => {
      const port = fake.port;
      await fake.stop();
      await waitFor('disconnected', async () => {
        const { connections } = await studio.call('obs.connections', {});
        return connections[0]?.status.state !== 'connected';
      });
      fake.program = program; // OBS loads its last saved scene, not the cue on air
      for (const item of fake.scenes.get(OVERLAY_SCENE)!) item.enabled = false;
      await fake.start(port);
      await studio.call('obs.retryNow', { id: obsId });
    };
    await restart('Close');
    await waitFor(
      'mismatch reported',
      async () => (await studio.call('show.state', {})).obsMismatch !== null,
    );
    expect((await studio.call('show.state', {})).obsMismatch).toEqual({ program: 'Close', expected: 'Wide' });

    const r = await studio.call('show.reapply', {});
    expect(r).toMatchObject({ state: 'applied', program: 'Wide' });
    expect(fake.program).toBe('Wide');
    expect(fake.item(OVERLAY_SCENE, 'ShelfCast · Lower third')?.enabled).toBe(true);
    await waitFor('mismatch cleared', async () => (await studio.call('show.state', {})).obsMismatch === null);

    // The option (kept with the console state) does it by itself on the next restart.
    expect((await studio.call('show.setAutoReapply', { enabled: true })).autoReapply).toBe(true);
    await restart('Scene');
    const reapplies = async () =>
      (await studio.call('show.log', { showId: show.id })).entries.filter((e) => e.action === 'reapply');
    await waitFor('re-applied automatically', async () => (await reapplies()).length === 2);
    expect(fake.program).toBe('Wide');
    expect((await reapplies()).map((e) => e.actor)).toEqual(['studio', 'operator']);
  });

  it('one error model: OBS not connected is unavailable on every operation; a wrong OBS password is never 401', async () => {
    const { show } = await demoShow();
    await studio.call('show.select', { showId: show.id });
    // No OBS chosen, then one chosen but away: both unavailable, as obs.camera answers.
    await expect(studio.call('show.camera', { key: 1 })).rejects.toMatchObject({
      error: { code: 'unavailable', key: 'showday:obs.none' },
    });
    const obsId = await connectObs();
    await studio.call('show.select', { showId: show.id, obsInstanceId: obsId });
    await fake.stop();
    await waitFor('disconnected', async () => {
      const { connections } = await studio.call('obs.connections', {});
      return connections[0]?.status.state !== 'connected';
    });
    await expect(studio.call('show.camera', { key: 1 })).rejects.toMatchObject({
      error: { code: 'unavailable', key: 'showday:obs.notConnected' },
    });
    await expect(studio.call('obs.camera', { instanceId: obsId, preset: 'wide' })).rejects.toMatchObject({
      error: { code: 'unavailable' },
    });
    // A wrong password: a translated OBS error, not the console's own 401 (unauthorized).
    await fake.start(fake.port);
    await expect(
      studio.call('obs.testConnection', { host: '127.0.0.1', port: fake.port, password: 'wrong' }),
    ).rejects.toMatchObject({ error: { code: 'bad_request', key: 'obs:reason.auth_failed' } });
  });

  it('warns on the standby cue before GO: overlays not provisioned, low stock, sold out, scene missing, OBS down', async () => {
    const { show, products, slots } = await demoShow();
    const obsId = await connectObs();
    await studio.call('show.select', { showId: show.id, obsInstanceId: obsId });
    const codes = async () => (await studio.call('show.plan', {}))!.warnings.map((w) => w.code);
    // Cue 1: OBS has no overlay scene yet.
    expect(await codes()).toEqual(['overlays_missing']);
    await studio.call('obs.provisionOverlays', { instanceId: obsId, scenes: [] });
    await waitFor('the overlay scene seen', async () => (await codes()).length === 0);
    // Cue 2: 5 left (low), camera 'close'.
    await studio.call('show.standby', { slotId: slots[1]!.id });
    expect(await codes()).toEqual(['low_stock']);
    // Sold out: warned, and GO puts up no flash-sale countdown beside the 售罄 stamp.
    await studio.call('cues.update', { slotId: slots[1]!.id, settings: { countdownSeconds: 60 } });
    await studio.call('shelf.update', { id: products[1]!.id, patch: { stock: 0 } });
    expect(await codes()).toEqual(['sold_out']);
    await studio.call('show.go', { slotId: slots[1]!.id });
    expect(studio.overlays.state.state().countdown.visible).toBe(false);
    // Cue 3's camera scene renamed away in OBS: the studio knows before GO.
    await studio.call('show.standby', { slotId: slots[2]!.id });
    await studio.call('obs.setCameras', {
      instanceId: obsId,
      cameras: [
        { preset: 'wide', kind: 'scene', sceneName: 'Wide (old)', sourceName: null },
        { preset: 'close', kind: 'scene', sceneName: 'Close', sourceName: null },
      ],
    });
    expect(await codes()).toEqual(['scene_missing']);
    // OBS away: one warning says so.
    await fake.stop();
    await waitFor('disconnected', async () => (await codes()).includes('obs_down'));
    expect(await codes()).toEqual(['obs_down']);
  });

  it('follows a camera scene renamed in OBS (OBS 29 sends only SceneNameChanged), and renamed back', async () => {
    const { show } = await demoShow();
    const obsId = await connectObs();
    await studio.call('obs.provisionOverlays', { instanceId: obsId, scenes: [] });
    await studio.call('show.select', { showId: show.id, obsInstanceId: obsId });
    const codes = async () => (await studio.call('show.plan', {}))!.warnings.map((w) => w.code);
    await waitFor('no warnings', async () => (await codes()).length === 0);
    fake.renameScene('Wide', 'Wide 2');
    await waitFor('scene missing', async () => (await codes()).includes('scene_missing'));
    expect((await studio.call('obs.state', { instanceId: obsId })).scenes).toContain('Wide 2');
    fake.renameScene('Wide 2', 'Wide');
    await waitFor('found again', async () => (await codes()).length === 0);
  });

  it('GO with the camera scene gone still shows the overlay items that exist, in one batch; GO answers the program scene', async () => {
    const { show, slots } = await demoShow();
    const obsId = await connectObs();
    await studio.call('obs.provisionOverlays', { instanceId: obsId, scenes: [] });
    await studio.call('show.select', { showId: show.id, obsInstanceId: obsId });
    const ok = await studio.call('show.go', {});
    expect(ok.obs).toMatchObject({ state: 'applied', program: 'Wide' });
    expect((await studio.call('obs.state', { instanceId: obsId })).program).toBe('Wide');

    // Cue 2's camera ('close') now points at a scene OBS does not have.
    await studio.call('obs.setCameras', {
      instanceId: obsId,
      cameras: [
        { preset: 'wide', kind: 'scene', sceneName: 'Wide', sourceName: null },
        { preset: 'close', kind: 'scene', sceneName: 'Gone', sourceName: null },
      ],
    });
    for (const item of fake.scenes.get(OVERLAY_SCENE)!) item.enabled = false;
    fake.batches.length = 0;
    const go = await studio.call('show.go', { slotId: slots[1]!.id });
    expect(go.obs.state).toBe('failed');
    expect(go.obs.program).toBe('Wide');
    expect(fake.batches).toHaveLength(1);
    // The card and ticker sources were still switched on although the camera request failed.
    expect(fake.item(OVERLAY_SCENE, 'ShelfCast · Product card')?.enabled).toBe(true);
    expect(fake.item(OVERLAY_SCENE, 'ShelfCast · Price ticker')?.enabled).toBe(true);
  });

  it('two GOs pressed at once fire two cues, not the same one twice', async () => {
    const { show, slots } = await demoShow();
    const obsId = await connectObs();
    await studio.call('show.select', { showId: show.id, obsInstanceId: obsId });
    await studio.call('show.standby', { slotId: slots[0]!.id });
    const [a, b] = await Promise.all([studio.call('show.go', {}), studio.call('show.go', {})]);
    expect([a.cue.slotId, b.cue.slotId]).toEqual([slots[0]!.id, slots[1]!.id]);
    expect((await studio.call('show.state', {})).onAirSlotId).toBe(slots[1]!.id);
  });

  it('marks a chapter per cue only while recording, and only where OBS supports it', async () => {
    const { show } = await demoShow();
    const obsId = await connectObs();
    await studio.call('show.select', { showId: show.id, obsInstanceId: obsId });
    await studio.call('show.go', {});
    await studio.call('obs.record', { instanceId: obsId, action: 'start' });
    await studio.call('show.go', {});
    const { entries } = await studio.call('show.log', { showId: show.id });
    // The fake is OBS 29.0.2: recording, but no chapter markers before 30.2.
    expect(entries.filter((e) => e.action === 'go').map((e) => e.detail.chapter)).toEqual([
      'unsupported',
      'not_recording',
    ]);
    expect([supportsChapters('29.0.2'), supportsChapters('30.1.0'), supportsChapters('30.2.3')]).toEqual([
      false,
      false,
      true,
    ]);
    expect([supportsChapters('31.0.0'), supportsChapters(null)]).toEqual([true, false]);
  });

  it('walks the standby cue with next/previous and previews in studio mode', async () => {
    const { show, slots } = await demoShow();
    const obsId = await connectObs();
    await studio.call('obs.studioMode', { instanceId: obsId, enabled: true });
    await studio.call('show.select', { showId: show.id, obsInstanceId: obsId });
    expect((await studio.call('show.next', {}))?.cue.slotId).toBe(slots[1]!.id);
    expect(fake.preview).toBe('Close');
    expect((await studio.call('show.next', {}))?.cue.slotId).toBe(slots[2]!.id);
    expect((await studio.call('show.next', {}))?.cue.slotId).toBe(slots[2]!.id); // stays at the last
    expect((await studio.call('show.previous', {}))?.cue.slotId).toBe(slots[1]!.id);
    expect(fake.program).toBe('Scene'); // preview only: nothing went to program
  });

  it('hardware-surface operations: camera N, one overlay, countdown start/stop, all logged', async () => {
    const { show, products, slots } = await demoShow();
    const obsId = await connectObs();
    await studio.call('show.select', { showId: show.id, obsInstanceId: obsId });
    await studio.call('show.camera', { key: 2 });
    expect(fake.program).toBe('Close');
    await expect(studio.call('show.camera', { key: 9 })).rejects.toMatchObject({
      error: { code: 'not_found', key: 'showday:errors.noCamera' },
    });
    await studio.call('show.go', { slotId: slots[0]!.id });
    await studio.call('show.overlay', { overlay: 'lower-third', visible: false });
    expect(studio.overlays.state.state().lowerThird.visible).toBe(false);
    await studio.call('show.countdown', { action: 'start', seconds: 90 });
    expect(studio.overlays.state.state().countdown).toMatchObject({
      status: 'running',
      durationMs: 90_000,
      productId: products[0]!.id,
    });
    await studio.call('show.countdown', { action: 'stop' });
    expect(studio.overlays.state.state().countdown.status).toBe('ended');
    const { entries } = await studio.call('show.log', { showId: show.id });
    expect(entries.slice(0, 4).map((e) => e.action)).toEqual(['countdown', 'countdown', 'overlay', 'go']);
    expect(entries.find((e) => e.action === 'camera')?.detail).toEqual({ key: 2 });
  });

  it('without OBS, GO still moves the overlays and on air, and says OBS was skipped', async () => {
    const { show, slots } = await demoShow();
    await studio.call('show.select', { showId: show.id });
    const go = await studio.call('show.go', { slotId: slots[2]!.id });
    expect(go.obs).toMatchObject({ state: 'skipped', key: 'showday:obs.none' });
    expect(go.state.onAirSlotId).toBe(slots[2]!.id);
    await expect(studio.call('show.go', {})).rejects.toMatchObject({
      error: { code: 'conflict', key: 'showday:errors.endOfRundown' },
    });
  });

  it('offers the next cue when the on-air product sells out, and the countdown ends', async () => {
    const { show, products, slots } = await demoShow();
    await studio.call('show.select', { showId: show.id });
    await studio.call('cues.update', { slotId: slots[1]!.id, settings: { countdownSeconds: 120 } });
    await studio.call('show.go', { slotId: slots[1]!.id });
    await studio.call('shelf.update', { id: products[1]!.id, patch: { stock: 0 } });
    const state = await studio.call('show.state', {});
    expect(state.soldOut).toMatchObject({ slotId: slots[1]!.id, productId: products[1]!.id });
    expect(state.standbySlotId).toBe(slots[2]!.id);
    expect(studio.overlays.state.state().countdown).toMatchObject({
      status: 'ended',
      endedReason: 'soldOut',
    });
    await studio.call('show.go', {});
    expect((await studio.call('show.state', {})).soldOut).toBeNull();
  });

  it('Esc clears every overlay; control ops refuse read-only roles', async () => {
    const { show, slots } = await demoShow();
    await studio.call('show.select', { showId: show.id });
    await studio.call('show.go', { slotId: slots[0]!.id });
    await studio.call('show.clearOverlays', {});
    const st = studio.overlays.state.state();
    expect([st.productCard.visible, st.ticker.visible, st.lowerThird.visible, st.countdown.visible]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    for (const role of ['prompter', 'datadesk', 'guest'] as const) {
      const r = await studio.dispatch('show.go', {}, { role, transport: 'internal' });
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // Each role reads what its view shows: the show's state for all, its cues for prompter and guest.
      const state = await studio.dispatch('show.state', {}, { role, transport: 'internal' });
      expect(state.ok).toBe(true);
      const read = await studio.dispatch('cues.list', { showId: show.id }, { role, transport: 'internal' });
      expect(read.ok).toBe(role !== 'datadesk');
    }
  });

  it('exports the report as a workbook that parses back with the same totals', async () => {
    const { show, slots } = await demoShow();
    await studio.call('show.select', { showId: show.id });
    await studio.call('show.go', { slotId: slots[0]!.id });
    const file = await studio.call('report.export', { showId: show.id, format: 'xlsx', language: 'en' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    const totals = wb.getWorksheet('Totals')!;
    expect(totals.getRow(1).getCell(1).value).toBe('Show');
    expect(totals.getRow(2).getCell(1).value).toBe('甘肃好物');
    expect(totals.getRow(2).getCell(7).value).toBe(1);
    const pdf = await studio.call('report.export', { showId: show.id, format: 'pdf', language: 'zh-CN' });
    expect(Buffer.from(pdf.contentBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    await expect(studio.call('report.get', { showId: 999 })).rejects.toBeInstanceOf(ApiCallError);
  });
});
