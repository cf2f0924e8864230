import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OBSWebSocket from 'obs-websocket-js/json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCallError } from '@shared/api/client';
import { Studio } from '../studio';
import { fitCanvas } from './overlay-provisioning';
import { startHeadlessObs, type HeadlessObs } from '../../../../test-support/obs/obs-harness';
import { sceneCollection } from '../../../../test-support/obs/scene-collection';
import { waitFor } from '../../../../test-support/obs/wait';

/** Colour sources (ARGB as OBS stores it, 0xAABBGGRR) stand in for the cameras. */
const RED = 0xff0000ff;
const GREEN = 0xff00ff00;

/**
 * The pixel at (x, y) of a BMP screenshot (GetSourceScreenshot, imageFormat `bmp`), and the
 * image size: BMP needs no decoder dependency.
 */
function bmp(imageData: string) {
  const buf = Buffer.from(imageData.slice(imageData.indexOf(',') + 1), 'base64');
  const offset = buf.readUInt32LE(10);
  const width = buf.readInt32LE(18);
  const rawHeight = buf.readInt32LE(22);
  const height = Math.abs(rawHeight);
  const bytes = buf.readUInt16LE(28) / 8;
  const stride = Math.ceil((width * bytes) / 4) * 4;
  const pixel = (x: number, y: number) => {
    const row = rawHeight > 0 ? height - 1 - y : y;
    const at = offset + row * stride + x * bytes;
    return { r: buf[at + 2]!, g: buf[at + 1]!, b: buf[at]! };
  };
  return { width, height, pixel };
}

/**
 * Two orientations from one GO against TWO real headless OBS 29 instances: a landscape one and a
 * portrait one whose canvas the studio sets to 1080×1920 with SetVideoSettings. After each GO
 * both programs show the cue's camera (checked by program scene and by rendered pixels).
 *
 * Debian's OBS has no browser source (obs-browser is not packaged), so the overlay sources
 * themselves cannot be created here: this test checks that provisioning says so, and checks the
 * canvas settings on real OBS. That each OBS's browser sources get its orientation's layout URL
 * and size (1920×1080 / 1080×1920) is checked against the protocol-level fake
 * (obs-orientation.contract.test.ts).
 */
describe('two orientations from one GO against two real OBS', { timeout: 90_000 }, () => {
  let landscape: HeadlessObs;
  let portrait: HeadlessObs;
  const bare: Record<'l' | 'p', OBSWebSocket> = { l: new OBSWebSocket(), p: new OBSWebSocket() };
  let studio: Studio;
  let dataDir: string;
  let lId: number;
  let pId: number;

  beforeAll(async () => {
    [landscape, portrait] = await Promise.all([
      startHeadlessObs({
        sceneCollection: sceneCollection({
          colors: { 'Close cam': RED, 'Wide cam': GREEN },
          scenes: { Scene: [], Close: ['Close cam'], Wide: ['Wide cam'] },
        }),
      }),
      startHeadlessObs({
        sceneCollection: sceneCollection({
          colors: { 'V close cam': RED, 'V wide cam': GREEN },
          scenes: { Scene: [], 'V Close': ['V close cam'], 'V Wide': ['V wide cam'] },
        }),
      }),
    ]);
    await bare.l.connect(landscape.url, landscape.password);
    await bare.p.connect(portrait.url, portrait.password);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-orient-it-'));
    process.env.SHELFCAST_OVERLAY_PORT = '0';
    studio = new Studio({ dataDir, mode: 'headless' });
    await studio.start();
    const add = async (name: string, obs: HeadlessObs, orientation: 'landscape' | 'portrait', v: string) => {
      const { id } = await studio.call('obs.addConnection', {
        name,
        host: '127.0.0.1',
        port: obs.port,
        password: obs.password,
        orientation,
      });
      await studio.call('obs.setCameras', {
        instanceId: id,
        cameras: [
          { preset: 'close', kind: 'scene', sceneName: `${v}Close`, sourceName: null },
          { preset: 'wide', kind: 'scene', sceneName: `${v}Wide`, sourceName: null },
        ],
      });
      await waitFor(
        `${name} connected`,
        async () =>
          (await studio.call('obs.connections', {})).connections.find((c) => c.id === id)?.status.state ===
          'connected',
        20_000,
      );
      return id;
    };
    lId = await add('横屏 OBS', landscape, 'landscape', '');
    pId = await add('竖屏 OBS', portrait, 'portrait', 'V ');
  }, 120_000);

  afterAll(async () => {
    for (const b of Object.values(bare)) await b.disconnect().catch(() => undefined);
    await studio?.stop();
    await Promise.all([landscape?.dispose(), portrait?.dispose()]);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets the portrait canvas to 1080×1920 with SetVideoSettings; provisioning says there is no browser source', async () => {
    const session = studio.obs.service.entry(pId).conn.require();
    expect(await fitCanvas(session, 'portrait', false)).toMatchObject({ baseWidth: 1920, matches: false });
    const set = await fitCanvas(session, 'portrait', true);
    expect(set).toEqual({
      baseWidth: 1080,
      baseHeight: 1920,
      outputWidth: 1080,
      outputHeight: 1920,
      matches: true,
      changed: true,
    });
    expect(await bare.p.call('GetVideoSettings')).toMatchObject({
      baseWidth: 1080,
      baseHeight: 1920,
      outputWidth: 1080,
      outputHeight: 1920,
    });
    // The landscape OBS is left as it is.
    expect(await bare.l.call('GetVideoSettings')).toMatchObject({ baseWidth: 1920, baseHeight: 1080 });
    const err = await studio
      .call('obs.provisionOverlays', { instanceId: pId, scenes: [], setCanvas: true })
      .catch((e: unknown) => (e as ApiCallError).error);
    expect(err).toMatchObject({ code: 'unavailable', key: 'obs:errors.noBrowserSource' });
  });

  it('after each GO both programs show the cue camera, in each OBS orientation', async () => {
    // The canvas test may run alone: make sure the portrait OBS is portrait.
    await fitCanvas(studio.obs.service.entry(pId).conn.require(), 'portrait', true);
    const product = (nameZh: string) =>
      studio.call('shelf.create', {
        product: { nameZh, listPriceFen: 3990, livePriceFen: 2990, stock: 50, status: 'ready' },
      });
    const show = await studio.call('shows.create', { title: '两个方向', showDate: '2026-11-21' });
    for (const [name, preset] of [
      ['秦安蜜桃', 'close'],
      ['和田大枣', 'wide'],
      ['静宁苹果', 'close'],
    ] as const) {
      const p = await product(name);
      await studio.call('rundown.addSlot', {
        showId: show.id,
        productId: p.product.id,
        cameraPreset: preset,
        presenterName: '',
      });
    }
    await studio.call('show.select', { showId: show.id, obsInstanceId: lId, alsoObsInstanceIds: [pId] });

    for (const [scene, color] of [
      ['Close', 'red'],
      ['Wide', 'green'],
      ['Close', 'red'],
    ] as const) {
      const go = await studio.call('show.go', {});
      expect(go.obs.instances?.map((i) => [i.orientation, i.state])).toEqual([
        ['landscape', 'applied'],
        ['portrait', 'applied'],
      ]);
      expect((await bare.l.call('GetCurrentProgramScene')).currentProgramSceneName).toBe(scene);
      expect((await bare.p.call('GetCurrentProgramScene')).currentProgramSceneName).toBe(`V ${scene}`);
      expect(go.obs.instances?.map((i) => i.program)).toEqual([scene, `V ${scene}`]);
      // The rendered program (after the transition) is the camera's colour, at each orientation's shape.
      for (const [client, portraitShape] of [
        [bare.l, false],
        [bare.p, true],
      ] as const) {
        const shot = await waitFor(
          `${portraitShape ? 'portrait' : 'landscape'} program shows ${color}`,
          async () => {
            const program = (await client.call('GetCurrentProgramScene')).currentProgramSceneName;
            const { imageData } = await client.call('GetSourceScreenshot', {
              sourceName: program,
              imageFormat: 'bmp',
              imageWidth: 64,
            });
            const img = bmp(imageData);
            const px = img.pixel(32, 16);
            const isColor = color === 'red' ? px.r > 200 && px.g < 60 : px.g > 200 && px.r < 60;
            return isColor ? img : null;
          },
          10_000,
          50,
        );
        if (portraitShape) expect(shot.height).toBeGreaterThan(shot.width);
        else expect(shot.width).toBeGreaterThan(shot.height);
      }
    }
  });
});
