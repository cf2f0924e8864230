import { FakeObsServer } from '../test-support/obs/fake-obs-server';
import { expect, test } from './studio-fixture';
import { call, seedShelf } from './overlay-helpers';

/**
 * One on-air authority: the Live page's N goes through the cue path (camera, overlays, standby,
 * log) exactly like GO, so the Show console never disagrees with the card.
 */
test.describe('on-air authority', () => {
  let fake: FakeObsServer;

  test.beforeEach(async () => {
    fake = new FakeObsServer('e2e-' + Math.random().toString(36).slice(2));
    fake.addScene('全景');
    fake.addScene('特写');
    await fake.start();
  });

  test.afterEach(async () => {
    await fake.stop().catch(() => undefined);
  });

  test('Live N switches the camera, the lower third follows and the console stands by the next cue', async ({
    page,
    studio,
  }) => {
    const ids = await seedShelf(studio);
    const slots = (await call(studio, 'rundown.get', { showId: ids.showId })).slots;
    const patches = [
      { cameraPreset: 'wide', presenterName: '阿依古丽' },
      { cameraPreset: 'close', presenterName: '' },
      { cameraPreset: 'wide', presenterName: '' },
    ];
    for (const [i, patch] of patches.entries())
      await call(studio, 'rundown.updateSlot', { slotId: slots[i]!.id, patch });
    const conn = await call(studio, 'obs.addConnection', {
      name: '主机位',
      host: '127.0.0.1',
      port: fake.port,
      password: fake.password,
    });
    await expect
      .poll(async () => (await call(studio, 'obs.connections', {})).connections[0]?.status.state)
      .toBe('connected');
    await call(studio, 'obs.setCameras', {
      instanceId: conn.id,
      cameras: [
        { preset: 'wide', kind: 'scene', sceneName: '全景', sourceName: null },
        { preset: 'close', kind: 'scene', sceneName: '特写', sourceName: null },
      ],
    });
    await call(studio, 'show.select', { showId: ids.showId, obsInstanceId: conn.id });

    await page.goto(studio.url);
    await page.getByTestId('nav-live').click();
    await page.getByTestId('live-show').selectOption(String(ids.showId));
    await page.locator('body').press('KeyN');
    await expect.poll(() => fake.program).toBe('全景');
    await expect
      .poll(async () => (await call(studio, 'overlays.state', {})).lowerThird)
      .toMatchObject({ visible: true, name: '阿依古丽' });
    await page.getByTestId('live-next').click();
    await expect.poll(() => fake.program).toBe('特写');
    await expect.poll(async () => (await call(studio, 'overlays.state', {})).lowerThird.visible).toBe(false);

    // The Show console agrees: cue 2 on air, cue 3 on standby, both in the log as a cue fired.
    await page.getByTestId('nav-show').click();
    await expect(page.locator('[data-testid=cue-row][data-on-air]')).toHaveAttribute(
      'data-slot-id',
      String(slots[1]!.id),
    );
    await expect(page.locator('[data-testid=cue-row][data-standby]')).toHaveAttribute(
      'data-slot-id',
      String(slots[2]!.id),
    );
    // What is on air, at a glance: Beijing time, this cue's timer against its plan, stock per cue.
    await expect(page.getByTestId('show-clock')).toContainText(/北京时间 \d\d:\d\d:\d\d/);
    await expect(page.getByTestId('show-timer')).toContainText('计划 5:00');
    await expect(page.getByTestId('cue-stock')).toHaveText(['120', '40', '300']);
    const log = await call(studio, 'show.log', { showId: ids.showId });
    expect(log.entries.filter((e) => e.action === 'go').map((e) => e.slotId)).toEqual([
      slots[1]!.id,
      slots[0]!.id,
    ]);
  });
});

test.describe('loud OBS failures and recovery', () => {
  let fake: FakeObsServer;

  test.beforeEach(async () => {
    fake = new FakeObsServer('e2e-' + Math.random().toString(36).slice(2));
    fake.addScene('全景');
    fake.addScene('特写');
    await fake.start();
  });

  test.afterEach(async () => {
    await fake.stop().catch(() => undefined);
  });

  test('OBS killed: a red banner says what still works; back with another scene, R re-applies the cue', async ({
    page,
    studio,
  }) => {
    const ids = await seedShelf(studio);
    const slots = (await call(studio, 'rundown.get', { showId: ids.showId })).slots;
    await call(studio, 'rundown.updateSlot', { slotId: slots[0]!.id, patch: { cameraPreset: 'close' } });
    const conn = await call(studio, 'obs.addConnection', {
      name: '主机位',
      host: '127.0.0.1',
      port: fake.port,
      password: fake.password,
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
    await page.locator('body').press('Space');
    await expect.poll(() => fake.program).toBe('特写');

    const port = fake.port;
    await fake.stop();
    const down = page.getByTestId('obs-down-banner');
    await expect(down).toHaveAttribute('role', 'alert');
    await expect(down).toContainText('主机位');
    await expect(down).toContainText('叠加层和订单同步照常运行');

    fake.program = '全景'; // OBS comes back with its last saved scene
    await fake.start(port);
    await call(studio, 'obs.retryNow', { id: conn.id });
    await expect(down).toHaveCount(0);
    const mismatch = page.getByTestId('obs-mismatch');
    await expect(mismatch).toContainText('全景');
    await page.locator('body').press('KeyR');
    await expect.poll(() => fake.program).toBe('特写');
    await expect(mismatch).toHaveCount(0);
    // The automatic option is kept with the console.
    await page.getByTestId('show-auto-reapply').click();
    await expect.poll(async () => (await call(studio, 'show.state', {})).autoReapply).toBe(true);
    await expect(page.getByTestId('show-auto-reapply')).toBeChecked();
  });
});
