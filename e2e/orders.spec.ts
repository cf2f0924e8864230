import { test as base, expect, startStudio, stopStudio, type StudioHandle } from './studio-fixture';

/** A console in demo mode: the demo shelf plus simulated Kuaishou and Douyin shops on loopback. */
const test = base.extend<{ demo: StudioHandle }>({
  // eslint-disable-next-line no-empty-pattern
  demo: async ({}, use) => {
    const before = process.env.SHELFCAST_DEMO;
    process.env.SHELFCAST_DEMO = '1';
    let handle: StudioHandle;
    try {
      handle = await startStudio();
    } finally {
      if (before === undefined) delete process.env.SHELFCAST_DEMO;
      else process.env.SHELFCAST_DEMO = before;
    }
    await use(handle);
    await stopStudio(handle);
  },
});

const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

test('demo mode: the Orders page shows simulated shops and figures that keep moving', async ({
  demo,
  page,
}) => {
  await page.goto(demo.url);
  await page.getByTestId('nav-orders').click();
  await expect(page.getByTestId('demo-badge')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('simulated-badge')).toHaveCount(2);
  const orders = page.getByTestId('figure-orders').locator('strong');
  // Orders arrive from the simulators through the real adapters: the count rises, and rises again.
  await expect.poll(async () => number(await orders.textContent()), { timeout: 30_000 }).toBeGreaterThan(0);
  const first = number(await orders.textContent());
  await expect
    .poll(async () => number(await orders.textContent()), { timeout: 30_000 })
    .toBeGreaterThan(first);
  await expect(page.getByTestId('figure-gmv')).not.toContainText(/^¥0\.00$/);
  await expect(page.getByTestId('order-line').first()).toBeVisible();
  // A platform's figure appears with its first *paid* order; new demo orders start unpaid and are
  // paid a few seconds later, so wait for it as for the counts above.
  await expect(page.getByTestId('figure-platform-kuaishou')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('figure-platform-douyin')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-testid^="shop-"][data-state="ok"]')).toHaveCount(2, { timeout: 15_000 });
  // The status bar's platform-sync pill says the shops are simulated.
  await expect(page.getByText('演示：2 个模拟店铺')).toBeVisible();
});

test('test connection tells the operator why it failed, in their language', async ({ studio, page }) => {
  await page.goto(studio.url);
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('shop-add').click();
  await page.getByTestId('shop-shopId').fill('12345');
  await page.getByTestId('shop-label').fill('和田旗舰店');
  await page.getByTestId('shop-appKey').fill('ks_app');
  await page.getByTestId('shop-gateway').fill('http://127.0.0.1:9');
  await page.getByTestId('shop-appSecret').fill('app-secret');
  await page.getByTestId('shop-signSecret').fill('sign-secret');
  await page.getByTestId('shop-accessToken').fill('token');
  await page.getByTestId('shop-save').click();
  await expect(page.getByTestId('shop-1').getByText('和田旗舰店')).toBeVisible();
  await page.getByTestId('shop-test').click();
  await expect(page.getByTestId('api-error')).toContainText('无法连接平台');
  // The secrets never come back to the browser.
  const body = await page.content();
  expect(body).not.toContain('sign-secret');
});
