import { FakeObsServer } from '../test-support/obs/fake-obs-server';
import { isShown, layoutForState } from '../src/shared/overlay-layout';
import { overlayIds } from '../src/shared/overlays/overlay-ids';
import { expect, test } from './studio-fixture';
import { call, freePort, overlayUrl, seedShelf } from './overlay-helpers';

// Overlay servers of parallel studios must not fight over the default port.
process.env.SHELFCAST_OVERLAY_PORT = '0';

test.describe('two orientations: overlay health and the composite preview', () => {
  test('a page a portrait OBS should load is flagged missing until it connects; the status bar says so', async ({
    page,
    context,
    studio,
  }) => {
    // An enabled portrait OBS (nothing listens there: no OBS on this machine) expects six portrait pages.
    await call(studio, 'obs.addConnection', {
      name: '竖屏机位',
      host: '127.0.0.1',
      port: await freePort(),
      password: 'pw',
      orientation: 'portrait',
    });
    await page.goto(studio.url);
    await expect(page.getByTestId('status-overlays')).toHaveAttribute('data-state', 'warning');
    await page.getByTestId('nav-overlays').click();
    const rows = page.getByTestId('overlay-health-row');
    await expect(rows).toHaveCount(6);
    const countdown = page.locator('[data-testid=overlay-health-row][data-overlay=countdown]');
    await expect(countdown).toHaveAttribute('data-orientation', 'portrait');
    await expect(countdown).toHaveAttribute('data-state', 'missing');

    // The countdown page OBS would load, in the portrait layout, connects and reports.
    const overlay = await context.newPage();
    await overlay.goto(await overlayUrl(studio, 'countdown', { orientation: 'portrait' }));
    await expect(countdown).toHaveAttribute('data-state', 'ok');
    await expect(page.locator('[data-testid=overlay-health-row][data-state=missing]')).toHaveCount(5);
    await expect(page.getByTestId('status-overlays')).toHaveAttribute('data-state', 'warning');

    // Refresh needs a connected OBS of that orientation: it says so instead of doing nothing.
    await page
      .locator('[data-testid=overlay-health-row][data-overlay=leaderboard]')
      .getByTestId('overlay-health-refresh')
      .click();
    await expect(page.getByTestId('overlay-health-done')).toBeVisible();

    // The page goes away (OBS closed it): missing again.
    await overlay.close();
    await expect(countdown).toHaveAttribute('data-state', 'missing');

    // No OBS expects pages any more: nothing is flagged, the pill is back to the server's own.
    const { connections } = await call(studio, 'obs.connections', {});
    await call(studio, 'obs.updateConnection', { id: connections[0]!.id, enabled: false });
    await expect(page.getByTestId('status-overlays')).toHaveAttribute('data-state', 'ok');
  });

  test('without OBS the Show page previews standby and program as overlays on a neutral stage', async ({
    page,
    studio,
  }) => {
    const ids = await seedShelf(studio);
    await call(studio, 'show.select', { showId: ids.showId, obsInstanceId: null });
    await page.goto(studio.url);
    await page.getByTestId('nav-show').click();
    const standby = page.getByTestId('composite-standby');
    const program = page.getByTestId('composite-program');
    await expect(standby).toHaveAttribute('data-orientation', 'landscape');
    await expect(program).toHaveAttribute('data-orientation', 'landscape');
    // No OBS picture: the neutral stage, said in words too.
    await expect(standby.getByTestId('composite-landscape')).toHaveAttribute('data-neutral', 'true');
    await expect(program.locator('.composite-frame')).toHaveAttribute('data-neutral', 'true');
    await expect(standby.locator('img')).toHaveCount(0);
    // A readable size: 640 × 360 for a 1920 × 1080 stage.
    const box = await standby.getByTestId('composite-landscape').boundingBox();
    expect(box).toMatchObject({ width: 640, height: 360 });

    // What GO will do: the standby cue's product card, drawn over the stage.
    const plan = await call(studio, 'show.plan', {});
    await expect(standby.getByTestId('product-card')).toHaveAttribute(
      'data-product-id',
      String(plan!.cue.product.id),
    );
    // On air now: the overlay pages themselves, one per overlay, framed from the overlay server.
    await expect(program.getByTestId('composite-page')).toHaveCount(6);
    const card = program.locator('iframe[data-overlay=product-card]');
    await expect(card).toHaveAttribute('src', /orientation=landscape/);
    await expect(card).toHaveAttribute('src', /viewer=preview/);

    await page.getByTestId('show-go').click();
    await expect(page.getByTestId('last-go')).toBeVisible();
    await expect(
      page
        .frameLocator('[data-testid=composite-program] iframe[data-overlay=product-card]')
        .getByTestId('product-card'),
    ).toHaveAttribute('data-product-id', String(plan!.cue.product.id));
    // The studio's own previews never count as the pages OBS loads.
    expect((await call(studio, 'overlays.health', {})).pages).toEqual([]);
  });

  test("a portrait show's standby preview draws what GO will show in the portrait layout, on a neutral stage", async ({
    page,
    studio,
  }) => {
    const ids = await seedShelf(studio);
    // The show's portrait OBS (nothing listens there: no picture, so the neutral stage).
    const portraitObs = await call(studio, 'obs.addConnection', {
      name: '竖屏机位',
      host: '127.0.0.1',
      port: await freePort(),
      password: 'pw',
      orientation: 'portrait',
    });
    await call(studio, 'show.select', { showId: ids.showId, obsInstanceId: portraitObs.id });
    // Douyin's portrait safe area for this show: the layout moves well away from the landscape one.
    await call(studio, 'overlays.setSafeArea', {
      showId: ids.showId,
      orientation: 'portrait',
      preset: 'douyin',
    });
    await page.goto(studio.url);
    await page.getByTestId('nav-show').click();

    const standby = page.getByTestId('composite-standby');
    await expect(standby).toHaveAttribute('data-orientation', 'portrait');
    // One portrait stage with every overlay on it (not landscape stages squeezed into the frame).
    await expect(standby.locator('.ov-stage[data-orientation=landscape]')).toHaveCount(0);
    await expect(standby.locator('.ov-stage')).toHaveCount(1);
    await expect(standby.locator('.ov-stage')).toHaveAttribute('data-orientation', 'portrait');
    const frame = standby.getByTestId('composite-portrait');
    await expect(frame).toHaveAttribute('data-neutral', 'true');

    // Every overlay the cue leaves up sits where the portrait layout puts it (the layout every OBS
    // page computes), at the preview's scale: 1080 × 1920 drawn 270 × 480.
    const plan = (await call(studio, 'show.plan', {}))!;
    const state = plan.overlayPreview;
    const layout = layoutForState(state, 'portrait');
    expect(layout.safe.y).toBeGreaterThanOrEqual(230);
    const shown = overlayIds.filter((id) => isShown(id, state));
    expect(shown).toContain('product-card');
    const fb = (await frame.boundingBox())!;
    expect(fb).toMatchObject({ width: 270, height: 480 });
    const scale = fb.width / 1080;
    for (const id of shown) {
      const at = layout.placements[id]!;
      await expect(frame.locator(`[data-overlay=${id}]`)).toBeVisible();
      const b = (await frame.locator(`[data-slot=${id}]`).boundingBox())!;
      const stage = {
        x: (b.x - fb.x) / scale,
        y: (b.y - fb.y) / scale,
        w: b.width / scale,
        h: b.height / scale,
      };
      for (const k of ['x', 'y', 'w', 'h'] as const) {
        expect(Math.abs(stage[k] - at[k]), `${id} ${k}: ${stage[k]} vs ${at[k]}`).toBeLessThan(3);
      }
    }
    await expect(standby.getByTestId('product-card')).toHaveAttribute(
      'data-product-id',
      String(plan.cue.product.id),
    );
  });

  test("with a portrait OBS connected, the standby preview puts the cue's camera scene from that OBS under the portrait overlays", async ({
    page,
    studio,
  }) => {
    const fake = new FakeObsServer('e2e-' + Math.random().toString(36).slice(2));
    fake.addScene('全景');
    fake.addScene('特写');
    await fake.start();
    try {
      const ids = await seedShelf(studio);
      const slots = (await call(studio, 'rundown.get', { showId: ids.showId })).slots;
      await call(studio, 'rundown.updateSlot', { slotId: slots[0]!.id, patch: { cameraPreset: 'close' } });
      const conn = await call(studio, 'obs.addConnection', {
        name: '竖屏机位',
        host: '127.0.0.1',
        port: fake.port,
        password: fake.password,
        orientation: 'portrait',
      });
      await expect
        .poll(async () => (await call(studio, 'obs.connections', {})).connections[0]?.status.state)
        .toBe('connected');
      await call(studio, 'obs.setCameras', {
        instanceId: conn.id,
        cameras: [{ preset: 'close', kind: 'scene', sceneName: '特写', sourceName: null }],
      });
      await call(studio, 'show.select', { showId: ids.showId, obsInstanceId: conn.id });
      await page.goto(studio.url);
      await page.getByTestId('nav-show').click();

      const frame = page.getByTestId('composite-standby').getByTestId('composite-portrait');
      // The picture is taken only while the preview is on screen.
      await frame.scrollIntoViewIfNeeded();
      const camera = frame.getByTestId('composite-camera');
      await expect(camera).toHaveAttribute('src', /^data:image\//);
      await expect(frame).not.toHaveAttribute('data-neutral', 'true');
      await expect(frame.locator('.ov-stage')).toHaveAttribute('data-orientation', 'portrait');
      // The overlays are drawn over the camera picture, not under it.
      const card = frame.getByTestId('product-card');
      await expect(card).toBeVisible();
      const b = (await card.boundingBox())!;
      const onTop = await page.evaluate(
        ({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid=product-card]') !== null,
        { x: b.x + b.width / 2, y: b.y + b.height / 2 },
      );
      expect(onTop).toBe(true);
    } finally {
      await fake.stop().catch(() => undefined);
    }
  });
});
