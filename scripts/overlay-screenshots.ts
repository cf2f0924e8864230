/**
 * Screenshots of the on-air graphics for the README: all six overlays composited on one stage
 * (`/overlay/all`), landscape 1920×1080 and portrait 1080×1920 (Douyin safe area), in both
 * themes, over a neutral stand-in for the camera. Writes resources/readme/overlays-*.png.
 *
 *   npx electron-vite build && npx tsx --tsconfig tsconfig.node.json scripts/overlay-screenshots.ts
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../playwright.config';
import { startStudio, stopStudio } from '../e2e/studio-fixture';
import { call, overlayUrl, seedShelf } from '../e2e/overlay-helpers';
import type { SalesFigures } from '../src/shared/api/domains/orders';
import { stageSize, type Orientation } from '../src/shared/overlay-layout/safe-area';
import { overlayIds } from '../src/shared/overlays/overlay-ids';

const outDir = path.resolve('resources/readme');
const lang = process.env.SHOT_LANG ?? 'zh-CN';

async function main(): Promise<void> {
  process.env.SHELFCAST_OVERLAY_PORT = '0';
  const first = await startStudio();
  const ids = await seedShelf(first);
  await stopStudio(first, { keepData: true });
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
  const db = new Database(path.join(first.dataDir, 'shelfcast.db'));
  db.prepare(`INSERT INTO overlay_setting (key, value, updated_at) VALUES ('figures', ?, 0)`).run(
    JSON.stringify(figures),
  );
  db.close();
  const studio = await startStudio({ dataDir: first.dataDir });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const { showId } = ids;
    await call(studio, 'overlays.setLook', { showId, language: lang as 'zh-CN' });
    await call(studio, 'overlays.showProduct', { productId: ids.tea });
    await call(studio, 'overlays.setTicker', { source: 'show' });
    await call(studio, 'overlays.countdown', { action: 'start', seconds: 300, productId: ids.tea });
    await call(studio, 'overlays.countdown', { action: 'pause' });
    await call(studio, 'overlays.setSalesCounter', { splitByPlatform: true });
    await call(studio, 'overlays.setLeaderboard', { by: 'product', metric: 'units', size: 5 });
    await call(studio, 'overlays.setLowerThird', {
      name: '阿依古丽·买买提',
      title: '副县长',
      county: '于田县',
    });
    for (const id of overlayIds) await call(studio, 'overlays.setVisible', { overlay: id, visible: true });
    await call(studio, 'overlays.setSafeArea', { showId, orientation: 'portrait', preset: 'douyin' });
    fs.mkdirSync(outDir, { recursive: true });
    for (const theme of ['festive', 'neutral']) {
      await call(studio, 'overlays.setLook', { theme: { showId, themeId: theme } });
      for (const orientation of ['landscape', 'portrait'] as Orientation[]) {
        const { w, h } = stageSize(orientation);
        const page = await browser.newPage({ viewport: { width: w, height: h } });
        const url = await overlayUrl(studio, 'product-card', { still: '1', orientation });
        await page.goto(url.replace('/overlay/product-card', '/overlay/all'));
        await page.locator('[data-overlay=lower-third]').waitFor();
        await page.evaluate('document.fonts.ready.then(() => undefined)');
        // A neutral stand-in for the camera picture behind the graphics.
        await page.evaluate(
          "document.body.style.background = 'linear-gradient(160deg, #5d6b78 0%, #2d3640 55%, #1b2128 100%)'",
        );
        const file = path.join(
          outDir,
          `overlays-${orientation}-${theme}${lang === 'zh-CN' ? '' : `-${lang}`}.png`,
        );
        await page.screenshot({ path: file });
        console.log(file);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await stopStudio(studio);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
