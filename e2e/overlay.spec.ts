import Database from 'better-sqlite3';
import path from 'node:path';
import type { SalesFigures } from '../src/shared/api/domains/orders';
import { expect, startStudio, stopStudio, test, type StudioHandle } from './studio-fixture';
import { call, overlayUrl, seedShelf, settle } from './overlay-helpers';

/**
 * Screenshots of every overlay in Chinese and Uyghur (right-to-left), against committed references.
 * `still=1` turns off animations, count-up and scrolling, so each frame is deterministic.
 */
const overlays = [
  ['product-card', 'product-card'],
  ['price-ticker', 'price-ticker'],
  ['countdown', 'countdown'],
  ['sales-counter', 'sales-counter'],
  ['leaderboard', 'leaderboard'],
  ['lower-third', 'lower-third'],
] as const;

let studio: StudioHandle;

test.beforeAll(async () => {
  process.env.SHELFCAST_OVERLAY_PORT = '0';
  const first = await startStudio();
  const ids = await seedShelf(first);
  await stopStudio(first, { keepData: true });
  // Sales figures as order sync would have left them (the overlay keeps the last ones it saw).
  const db = new Database(path.join(first.dataDir, 'shelfcast.db'));
  const figures: SalesFigures = {
    at: 1_763_800_000_000,
    showId: ids.showId,
    totals: { orders: 12_873, units: 15_020, gmvFen: 52_614_300, refundedFen: 0 },
    byPlatform: [
      { platform: 'douyin', orders: 8_120, units: 9_500, gmvFen: 33_100_000 },
      { platform: 'kuaishou', orders: 4_753, units: 5_520, gmvFen: 19_514_300 },
    ],
    byProduct: [
      { productId: ids.tea, orders: 6_000, units: 7_100, gmvFen: 28_329_000 },
      { productId: ids.dates, orders: 2_873, units: 3_120, gmvFen: 9_000_000 },
      { productId: ids.walnut, orders: 4_000, units: 4_800, gmvFen: 15_285_300 },
    ],
    byCounty: [],
  };
  db.prepare(`INSERT INTO overlay_setting (key, value, updated_at) VALUES ('figures', ?, 0)`).run(
    JSON.stringify(figures),
  );
  db.close();
  studio = await startStudio({ dataDir: first.dataDir });
  await call(studio, 'overlays.setLook', {
    showId: ids.showId,
    theme: { showId: ids.showId, themeId: 'festive' },
  });
  await call(studio, 'overlays.showProduct', { productId: ids.tea });
  await call(studio, 'overlays.setTicker', { source: 'show' });
  await call(studio, 'overlays.setVisible', { overlay: 'price-ticker', visible: true });
  await call(studio, 'overlays.countdown', { action: 'start', seconds: 300, productId: ids.tea });
  await call(studio, 'overlays.countdown', { action: 'pause' });
  await call(studio, 'overlays.setSalesCounter', { splitByPlatform: true });
  await call(studio, 'overlays.setVisible', { overlay: 'sales-counter', visible: true });
  await call(studio, 'overlays.setLeaderboard', { by: 'product', metric: 'units', size: 5 });
  await call(studio, 'overlays.setVisible', { overlay: 'leaderboard', visible: true });
  await call(studio, 'overlays.setLowerThird', {
    name: '阿依古丽·买买提',
    title: '副县长',
    county: '于田县',
  });
});

test.afterAll(async () => {
  if (studio) await stopStudio(studio);
});

test.describe('overlay screenshots', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });
  for (const lang of ['zh-CN', 'ug'] as const) {
    for (const [id, testId] of overlays) {
      test(`${id} in ${lang}`, async ({ page }) => {
        await page.goto(await overlayUrl(studio, id, { still: '1', lang }));
        await expect(page.getByTestId(testId)).toBeVisible();
        await expect(page.locator('.ov-stage')).toHaveAttribute('dir', lang === 'ug' ? 'rtl' : 'ltr');
        await settle(page);
        await expect(page).toHaveScreenshot(`${id}-${lang}.png`, {
          omitBackground: true,
          animations: 'disabled',
          maxDiffPixelRatio: 0.01,
        });
      });
    }
  }

  test('a long name shrinks or wraps inside the card instead of overflowing', async ({ page }) => {
    const state = await call(studio, 'overlays.state', {});
    const ids = state.ticker.items.map((i) => i.id);
    await call(studio, 'overlays.showProduct', { productId: ids[1]! });
    for (const lang of ['zh-CN', 'ug', 'en']) {
      await page.goto(await overlayUrl(studio, 'product-card', { still: '1', lang }));
      const name = page.locator('.ov-card-name');
      await expect(name).toBeVisible();
      await settle(page);
      const fits = await name.evaluate(
        (el) =>
          el.scrollWidth <= el.clientWidth + 1 &&
          parseFloat(el.ownerDocument.defaultView!.getComputedStyle(el).fontSize) < 52,
      );
      expect(fits).toBe(true);
      const card = await page.getByTestId('product-card').boundingBox();
      const body = await page.locator('.ov-card-body').boundingBox();
      expect(body!.x + body!.width).toBeLessThanOrEqual(card!.x + card!.width);
    }
    await call(studio, 'overlays.showProduct', { productId: ids[0]! });
  });
});
