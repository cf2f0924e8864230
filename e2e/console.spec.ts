import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { expect, startStudio, stopStudio, test } from './studio-fixture';

test.describe('headless studio', () => {
  test('opens in Chinese, mirrors for Uyghur, switches to English, and keeps the choice', async ({
    page,
    studio,
  }) => {
    await page.goto(studio.url);
    // The token leaves the address bar once it is traded for a cookie.
    await expect(page).toHaveURL(`${studio.origin}/`);
    const html = page.locator('html');
    await expect(html).toHaveAttribute('lang', 'zh-CN');
    await expect(html).toHaveAttribute('dir', 'ltr');
    await expect(page.getByTestId('nav-shelf')).toHaveText(/货架/);
    await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
    await expect(page.getByTestId('status-database')).toHaveAttribute('data-state', 'ok');
    await expect(page.getByTestId('status-server')).toHaveAttribute('data-state', 'ok');

    await page.getByTestId('language-switch').first().selectOption('ug');
    await expect(html).toHaveAttribute('dir', 'rtl');
    await expect(html).toHaveAttribute('lang', 'ug');
    await expect(page.getByTestId('nav-shelf')).toHaveText(/مال تەكچىسى/);
    // Mirrored: the navigation sits on the right-hand side.
    const nav = await page.locator('nav.side-nav').boundingBox();
    const main = await page.locator('main').boundingBox();
    expect(nav!.x).toBeGreaterThan(main!.x);

    await page.reload();
    await expect(html).toHaveAttribute('dir', 'rtl');

    await page.getByTestId('language-switch').first().selectOption('en');
    await expect(html).toHaveAttribute('dir', 'ltr');
    await expect(page.getByTestId('nav-shelf')).toHaveText(/Shelf/);
    const navEn = await page.locator('nav.side-nav').boundingBox();
    expect(navEn!.x).toBeLessThan((await page.locator('main').boundingBox())!.x);
  });

  test('system.info round-trips over the WebSocket bridge', async ({ page, studio }) => {
    const frames: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    await page.goto(studio.url);
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('data-dir')).toHaveText(studio.dataDir);
    const info = frames
      .map((f) => JSON.parse(f))
      .find((f) => f.type === 'result' && f.result?.value?.app === 'ShelfCast');
    expect(info.result.value).toMatchObject({
      mode: 'headless',
      dataDir: studio.dataDir,
      versions: { node: expect.stringMatching(/^22\./), sqlite: expect.any(String) },
    });
  });

  test('settings persist through the API and a typed error shows on bad input', async ({ page, studio }) => {
    await page.goto(studio.url);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('studio-name').fill('陇原好物直播间');
    await page.getByTestId('settings-save').click();
    await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('studio-name')).toHaveValue('陇原好物直播间');

    await page.getByTestId('server-port').fill('80');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('api-error')).toHaveAttribute('data-code', 'bad_request');
    await expect(page.getByTestId('api-error')).toContainText('请求内容有误');
    // Where and why, in the UI language: the field's name and the limit, not the schema's English.
    await expect(page.getByTestId('api-error')).toContainText('服务端口：不能小于 1024');
    await page.getByTestId('language-switch').first().selectOption('ug');
    await expect(page.getByTestId('api-error')).toContainText('مۇلازىمېتىر ئېغىزى');
  });

  test('a refused field is named by what it means in its operation, in each language', async ({
    page,
    studio,
  }) => {
    await page.goto(studio.url);
    await page.getByTestId('nav-overlays').click();
    // A guest lower third without a name: `name` of overlays.setLowerThird is the guest's name.
    await page.getByTestId('guest-name').fill('   ');
    await page.getByTestId('guest-name').press('Enter');
    const error = page.getByTestId('api-error');
    await expect(error).toHaveAttribute('data-code', 'bad_request');
    await expect(error.locator('[data-field="name"]')).toHaveText('嘉宾姓名：至少需要 1 个字符');
    await page.getByTestId('language-switch').first().selectOption('en');
    await expect(error.locator('[data-field="name"]')).toHaveText(
      'Guest’s name: needs at least 1 characters',
    );
    await page.getByTestId('language-switch').first().selectOption('ug');
    await expect(error.locator('[data-field="name"]')).toContainText('مېھماننىڭ ئىسمى');
    await expect(error.locator('[data-field="name"]')).not.toContainText('name');
  });

  test('the log view follows the core’s named loggers', async ({ page, studio }) => {
    await page.goto(studio.url);
    await page.getByTestId('nav-log').click();
    await expect(page.locator('[data-logger="server"]').first()).toBeVisible();
    // A new line arrives live: a refused request is logged by the server logger.
    await fetch(`${studio.origin}/?token=wrong`);
    await expect(page.getByTestId('log-view')).toContainText('request refused');
  });

  test('refuses a missing or wrong token and a foreign Host or Origin', async ({ page, studio, request }) => {
    const noToken = await page.goto(studio.origin + '/');
    expect(noToken!.status()).toBe(401);
    const wrong = await page.goto(`${studio.origin}/?token=not-the-token`);
    expect(wrong!.status()).toBe(401);

    const api = `${studio.origin}/api/v1/system.info`;
    const auth = { Authorization: `Bearer ${studio.token}` };
    expect((await request.post(api, { headers: auth, data: {} })).status()).toBe(200);
    expect((await request.post(api, { data: {} })).status()).toBe(401);
    expect(
      (await request.post(api, { headers: { ...auth, Host: `rebind.example:${studio.port}` } })).status(),
    ).toBe(403);
    expect((await request.post(api, { headers: { ...auth, Origin: 'http://evil.example' } })).status()).toBe(
      403,
    );

    const upgrade = (headers: Record<string, string>, query: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${studio.port}/api/ws${query}`, { headers });
        ws.once('open', () => {
          ws.close();
          resolve(101);
        });
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('error', () => resolve(-1));
      });
    expect(await upgrade({}, `?token=${studio.token}`)).toBe(101);
    expect(await upgrade({}, '')).toBe(401);
    expect(await upgrade({}, '?token=wrong')).toBe(401);
    expect(await upgrade({ Origin: 'http://evil.example' }, `?token=${studio.token}`)).toBe(403);
  });

  test('reconnects by itself when the core restarts, and resyncs', async ({ page }) => {
    const first = await startStudio();
    try {
      await page.goto(first.url);
      await page.getByTestId('nav-settings').click();
      await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
      await stopStudio(first, { signal: 'SIGKILL', keepData: true });
      await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'reconnecting');
      await expect(page.getByTestId('connection')).toContainText('秒后重试');
      const second = await startStudio({ dataDir: first.dataDir, port: first.port });
      await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected', {
        timeout: 15_000,
      });
      // The page re-reads state after reconnecting: the status bar shows the new process as running.
      await expect(page.getByTestId('status-database')).toHaveAttribute('data-state', 'ok');
      await stopStudio(second);
    } finally {
      await stopStudio(first);
    }
  });

  test('shows a wrong-token notice when the token is replaced', async ({ page, studio }) => {
    await page.goto(studio.url);
    await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
    const rotated = await fetch(`${studio.origin}/api/v1/access.rotateToken`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${studio.token}` },
    });
    expect(rotated.status).toBe(200);
    await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'unauthorized');
    await expect(page.getByTestId('unauthorized')).toContainText('访问令牌无效');
  });

  test('operator UI screenshot (zh-CN) for the README', async ({ page, studio }) => {
    await page.setViewportSize({ width: 1280, height: 760 });
    await page.goto(studio.url);
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('data-dir')).toBeVisible();
    await expect(page.getByTestId('status-database')).toHaveAttribute('data-state', 'ok');
    const file = test.info().outputPath('operator-zh-CN.png');
    await page.screenshot({ path: file });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    if (process.env.SHELFCAST_UPDATE_SCREENSHOTS === '1') {
      fs.copyFileSync(file, path.resolve('resources/screenshots/operator-zh-CN.png'));
    }
  });
});

test.describe('role links', () => {
  test('a data-desk link opens a read-only console that cannot change settings', async ({
    page,
    browser,
    studio,
  }) => {
    await page.goto(studio.url);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('role-link-role').selectOption('datadesk');
    await page.getByTestId('role-link-label').fill('大屏数据台');
    await page.getByTestId('role-link-create').click();
    const link = page.getByTestId('role-link').filter({ hasText: '大屏数据台' });
    await expect(link).toHaveAttribute('data-role', 'datadesk');
    // The link is shown once, with a copy button, right after it is made; the list keeps no URL.
    await expect(page.getByTestId('role-link-new')).toContainText('只显示这一次');
    const url = await page.getByTestId('role-link-new-url').textContent();
    expect(url).toContain('?token=');
    await expect(link.locator('code')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('role-link').filter({ hasText: '大屏数据台' })).toHaveCount(1);
    await expect(page.getByTestId('role-link-new')).toHaveCount(0);

    const desk = await browser.newContext();
    const deskPage = await desk.newPage();
    await deskPage.goto(url!);
    await expect(deskPage.getByTestId('role-badge')).toContainText('数据台（只读）');
    await expect(deskPage.getByTestId('nav-settings')).toHaveCount(0);
    // The data desk gets the live dashboard, read-only, instead of the operator frame.
    await expect(deskPage.getByTestId('dashboard')).toBeVisible();
    await expect(deskPage.getByTestId('nav-show')).toHaveCount(0);
    const attempt = await deskPage.evaluate(async () => {
      const r = await fetch('/api/v1/settings.update', {
        method: 'POST',
        body: JSON.stringify({ studioName: 'x' }),
      });
      return { status: r.status, body: await r.json() };
    });
    expect(attempt).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    await desk.close();
  });
});
