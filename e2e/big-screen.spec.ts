/// <reference lib="dom" />
import fs from 'node:fs';
import { expect, stopStudio, test, type StudioHandle } from './studio-fixture';
import {
  demoShowWithOrders,
  openAt,
  overflowing,
  photographTopSellers,
  startDemoStudio,
} from './figures-helpers';

/**
 * The big screen of an event hall, fed by the demo shops: figures with ¥ and separators (万 in
 * Chinese), a chart with axes, photos, leaderboards with headers, no controls, Beijing time, and
 * nothing running out of its box at 1920×1080 and 3840×2160.
 */
test.describe('big screen', () => {
  let studio: StudioHandle;
  let showId: number;
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    studio = await startDemoStudio();
    showId = (await demoShowWithOrders(studio, 40)).id;
    const page = await browser.newPage();
    await page.goto(studio.url);
    await photographTopSellers(page, studio, showId);
    await page.close();
  });
  test.afterAll(async () => {
    if (studio) await stopStudio(studio);
  });

  for (const [w, h, language] of [
    [1920, 1080, 'zh-CN'],
    [3840, 2160, 'zh-CN'],
    [1920, 1080, 'en'],
    [1920, 1080, 'ug'],
  ] as const) {
    test(`${w}×${h} in ${language}`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await openAt(page, studio, language, '#/dashboard');
      await page.getByTestId('dash-show').selectOption(String(showId));
      await page.getByTestId('dash-big').click();
      const screen = page.getByTestId('dashboard');
      await expect(screen).toHaveAttribute('data-big', 'true');

      // No controls on the hall's screen: no picker, no button.
      await expect(screen.locator('select, button, input')).toHaveCount(0);
      // GMV with ¥ and separators; in Chinese large sums in 万.
      const gmv = screen.getByTestId('tile-gmv').locator('.dash-tile-value');
      await expect(gmv).toHaveText(
        language === 'zh-CN' ? /^¥[\d,]+\.\d\d(万)?$/ : /^¥\d{1,3}(,\d{3})*(\.\d\d)?$/,
      );
      await expect(screen.getByTestId('tile-orders').locator('.dash-tile-value')).toHaveText(
        /^\d{1,3}(,\d{3})*$/,
      );
      // "Viewers not provided" is a note, not a figure tile.
      await expect(screen.getByTestId('tile-viewers')).toHaveCount(0);
      await expect(screen.getByTestId('viewers-note')).toBeVisible();
      // The chart has both axes with labels: Beijing clock times along x, yuan up y.
      const labels = screen.locator('[data-testid=minute-chart] svg text');
      await expect
        .poll(async () => (await labels.allTextContents()).filter((s) => /^\d\d:\d\d$/.test(s)).length)
        .toBeGreaterThan(0);
      await expect
        .poll(async () => (await labels.allTextContents()).filter((s) => s.startsWith('¥')).length)
        .toBeGreaterThan(1);
      // Tables have column headers; product rows carry photos.
      for (const id of ['dash-products', 'dash-counties', 'dash-cities'])
        await expect(screen.getByTestId(id).locator('thead th').first()).toBeVisible();
      await expect(screen.locator('[data-testid=dash-products] img.dash-photo').first()).toBeVisible();
      // Beijing time in a 24-hour clock, whatever the browser's locale.
      await expect(screen.getByTestId('dash-clock')).toHaveText(/\d\d:\d\d:\d\d/);
      await expect(screen.getByTestId('dash-updated')).not.toHaveText(/AM|PM/);

      const shot = await page.screenshot();
      fs.writeFileSync(test.info().outputPath(`big-screen-${w}x${h}-${language}.png`), shot);
      if (w === 1920 && language === 'zh-CN') fs.writeFileSync('resources/readme/big-screen-zh-CN.png', shot);
      if (w === 1920 && language === 'en') fs.writeFileSync('resources/readme/big-screen-en.png', shot);

      // Everything fits: no cell, tile or table runs out of its box, and the screen does not scroll.
      const over = await overflowing(page, [
        '[data-testid=dashboard]',
        '.dash-tile',
        '.dash-tile-value',
        '.dash-tables table',
        '.dash-platforms',
        '.minute-chart',
      ]);
      expect(over).toEqual([]);
      const fits = await screen.evaluate((el) => el.scrollHeight <= el.clientHeight + 1);
      expect(fits).toBe(true);
      // And no region is drawn over another (a squeezed grid row lets the chart spill onto the tables).
      const overlaps = await page.evaluate(() => {
        const regions = [
          '.dash-tiles',
          '.minute-chart',
          '.dash-platforms',
          '.dash-products',
          '.dash-counties',
          '.dash-cities',
          '.dash-updated',
        ];
        const boxes = regions.map((s) => [s, document.querySelector(s)!.getBoundingClientRect()] as const);
        const hits: string[] = [];
        for (const [i, [a, ra]] of boxes.entries())
          for (const [b, rb] of boxes.slice(i + 1)) {
            const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
            const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
            if (x > 1 && y > 1) hits.push(`${a} × ${b}`);
          }
        // The chart's own drawing stays inside its figure.
        const fig = document.querySelector('.minute-chart')!.getBoundingClientRect();
        const svg = document.querySelector('.minute-chart svg')!.getBoundingClientRect();
        if (svg.bottom > fig.bottom + 1 || svg.top < fig.top - 1) hits.push('chart svg outside its figure');
        return hits;
      });
      expect(overlaps).toEqual([]);

      // Esc leaves the big screen and the controls come back.
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('dash-show')).toBeVisible();
    });
  }
});
