import { FakeObsServer } from '../test-support/obs/fake-obs-server';
import { expect, test } from './studio-fixture';

/**
 * The OBS page in Chromium against the headless console, with a protocol-level fake
 * obs-websocket 5 server standing in for OBS (the real-OBS tests live in the core's
 * integration suite).
 */
test.describe('OBS page', () => {
  let fake: FakeObsServer;

  test.beforeEach(async () => {
    fake = new FakeObsServer('e2e-' + Math.random().toString(36).slice(2));
    fake.addScene('主播机位');
    fake.addScene('产品特写');
    fake.addScene('全景');
    await fake.start();
  });

  test.afterEach(async () => {
    await fake.stop().catch(() => undefined);
  });

  test('connects, switches scenes and cameras by key, asks before stopping a live stream, shows reconnecting', async ({
    page,
    studio,
  }) => {
    await page.goto(studio.url);
    await page.getByTestId('nav-obs').click();
    await page.getByTestId('obs-add').click();
    await page.getByTestId('obs-name').fill('主机位');
    await page.getByTestId('obs-host').fill('127.0.0.1');
    await page.getByTestId('obs-port').fill(String(fake.port));
    await page.getByTestId('obs-password').fill('wrong');
    await page.getByTestId('obs-test').click();
    // A wrong password is a typed, translated error, never the console's own 401.
    await expect(page.getByTestId('api-error')).toHaveAttribute('data-code', 'bad_request');
    await expect(page.getByTestId('api-error')).toContainText('密码错误');
    await page.getByTestId('obs-password').fill(fake.password);
    await page.getByTestId('obs-test').click();
    await expect(page.getByTestId('obs-test-ok')).toContainText('29.0.2');
    await page.getByTestId('obs-save').click();

    const status = page.getByTestId('obs-status');
    await expect(status).toHaveAttribute('data-state', 'connected');
    await expect(status).toContainText('5.1.0');
    await expect(page.getByTestId('status-obs')).toHaveAttribute('data-state', 'ok');

    // Scenes: click puts it on program.
    await page.locator('[data-testid=obs-scene][data-scene="全景"]').click();
    await expect(page.locator('[data-testid=obs-scene][data-scene="全景"]')).toHaveAttribute(
      'data-program',
      'true',
    );
    expect(fake.program).toBe('全景');

    // Cameras: map two presets in the editor, then switch with the keyboard.
    await page.getByTestId('obs-edit-cameras').click();
    const editor = page.getByTestId('obs-camera-editor');
    for (const [i, [preset, scene]] of [
      ['主播', '主播机位'],
      ['特写', '产品特写'],
    ].entries()) {
      await page.getByTestId('obs-camera-add').click();
      const row = editor.locator('tbody tr').nth(i);
      await row.locator('input').first().fill(preset!);
      await row.locator('select').nth(1).selectOption(scene!);
    }
    await page.getByTestId('obs-camera-save').click();
    await expect(page.getByTestId('obs-camera')).toHaveCount(2);
    await expect(page.locator('.obs-thumb').first()).toHaveAttribute('src', /^data:image/);
    await page.locator('body').press('2');
    await expect(page.locator('[data-testid=obs-scene][data-scene="产品特写"]')).toHaveAttribute(
      'data-program',
      'true',
    );
    expect(fake.program).toBe('产品特写');
    await page.locator('body').press('1');
    await expect(page.locator('[data-testid=obs-scene][data-scene="主播机位"]')).toHaveAttribute(
      'data-program',
      'true',
    );

    // Stream: starting is one click, stopping a live stream asks first.
    await page.getByTestId('obs-stream-start').click();
    await expect(page.getByTestId('obs-stream-state')).toHaveAttribute('data-active', 'true');
    await page.getByTestId('obs-stream-stop').click();
    await expect(page.getByTestId('obs-stop-confirm')).toBeVisible();
    await page.getByTestId('obs-stop-confirm-no').click();
    await expect(page.getByTestId('obs-stop-confirm')).toHaveCount(0);
    expect(fake.stream.active).toBe(true);
    await page.getByTestId('obs-stream-stop').click();
    await page.getByTestId('obs-stop-confirm-yes').click();
    await expect(page.getByTestId('obs-stream-state')).toHaveAttribute('data-active', 'false');
    expect(fake.stream.active).toBe(false);

    // Health figures from GetStats.
    await expect(page.getByTestId('obs-health')).toContainText('30');

    // OBS goes away: the page says it is retrying, with a countdown and the reason; then it is back.
    const port = fake.port;
    await fake.stop();
    await expect(status).toHaveAttribute('data-state', /retrying|connecting/);
    await expect(page.getByTestId('status-obs')).toHaveAttribute('data-state', 'warning');
    await expect(page.locator('.obs-reason').first()).toBeVisible();
    await fake.start(port);
    await expect(status).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  });

  test('provisions the overlay scene and mirrors the page in Uyghur', async ({ page, studio }) => {
    await page.goto(studio.url);
    const res = await page.request.post(`${studio.origin}/api/v1/obs.addConnection`, {
      headers: { Authorization: `Bearer ${studio.token}` },
      data: { name: 'OBS', host: '127.0.0.1', port: fake.port, password: fake.password },
    });
    expect(res.ok()).toBe(true);
    await page.getByTestId('nav-obs').click();
    await expect(page.getByTestId('obs-status')).toHaveAttribute('data-state', 'connected');
    await page.getByTestId('obs-provision').click();
    // No overlay pages while the overlay server is off: the scene is still created, idempotently.
    await expect(page.getByTestId('obs-provision-result')).toBeVisible();
    expect(fake.scenes.has('ShelfCast Overlays')).toBe(true);
    await page.getByTestId('language-switch').first().selectOption('ug');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByTestId('obs-provision')).toHaveText('قۇرۇش ياكى ئوڭشاش');
    // Running it again changes nothing, and says so.
    await page.getByTestId('obs-provision').click();
    await expect(page.getByTestId('obs-provision-result')).toContainText('ھېچنېمە ئۆزگەرمىدى');
    fake.inputKinds = fake.inputKinds.filter((k) => k !== 'browser_source');
    await page.getByTestId('obs-provision').click();
    await expect(page.getByTestId('api-error')).toContainText('obsproject.com');
  });
});
