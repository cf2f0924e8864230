/// <reference lib="dom" />
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, stopConsole, test, type ConsoleHandle } from './console-fixture';
import { demoShowWithOrders, openAt, overflowing, startDemoConsole } from './figures-helpers';
import { call } from './overlay-helpers';

/** What marks each page of the operator UI as drawn (the pages themselves come from the app's navigation). */
const pageMark: Record<string, string> = {
  show: 'show-page',
  live: 'page-live',
  rundown: 'page-rundown',
  shelf: 'page-shelf',
  orders: 'page-orders',
  dashboard: 'dashboard',
  report: 'report-page',
  obs: 'page-obs',
  overlays: 'page-overlays',
  settings: 'page-settings',
  log: 'page-log',
  event: 'page-event',
};

/**
 * The frame's regions, checked whatever their own overflow setting (main scrolling sideways is a
 * page too wide for the tablet), then everything inside main that is not itself a scroll box.
 */
const regions = ['.top-bar', '.side-nav', 'main#main', '.status-bar', '.role-content'];
const inside = [
  'main#main > *',
  'main#main section',
  'main#main table',
  'main#main li',
  'main#main [data-testid]',
  '.status-bar > *',
];

async function regionOverflow(page: Page) {
  return page.evaluate((sels) => {
    const found: string[] = [];
    for (const s of sels)
      document.querySelectorAll<HTMLElement>(s).forEach((el) => {
        if (el.scrollWidth > el.clientWidth + 1) found.push(`${s}: ${el.scrollWidth} > ${el.clientWidth}`);
      });
    return found;
  }, regions);
}

/** Every page at 1024×768 (a tablet) in all three languages: nothing runs out of its box sideways. */
test.describe('tablet 1024×768', () => {
  let studio: ConsoleHandle;
  let showId: number;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    studio = await startDemoConsole();
    showId = (await demoShowWithOrders(studio, 20)).id;
  });
  test.afterAll(async () => {
    if (studio) await stopConsole(studio);
  });
  test.use({ viewport: { width: 1024, height: 768 } });

  for (const language of ['zh-CN', 'en', 'ug'] as const) {
    test(`every operator page in ${language}`, async ({ page }) => {
      test.setTimeout(180_000);
      const problems: string[] = [];
      await openAt(page, studio, language, '#/show');
      const pages = (await page
        .locator('.side-nav a[data-testid^="nav-"]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('data-testid')!.slice(4)))) as string[];
      expect(pages.length).toBeGreaterThan(8);
      for (const id of pages) {
        expect(pageMark[id], `a mark for the page ${id}`).toBeDefined();
        await openAt(page, studio, language, `#/${id}`);
        await expect(page.getByTestId(pageMark[id]!)).toBeVisible();
        // Let the page's first answers arrive (its own list or figures), then measure.
        await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const over = [
          ...(await regionOverflow(page)),
          ...(await overflowing(page, inside)).map(
            (o) => `${o.selector}[${o.index}] ${o.scrollWidth} > ${o.clientWidth}: ${o.text}`,
          ),
        ];
        problems.push(...over.map((o) => `${id}: ${o}`));
        fs.writeFileSync(test.info().outputPath(`${id}-${language}.png`), await page.screenshot());
      }
      expect(problems).toEqual([]);
    });

    test(`data desk, big screen and report in ${language}`, async ({ page, browser }) => {
      const desk = await call(studio, 'access.createRoleLink', { role: 'datadesk', label: '数据台' });
      const remote = await browser.newContext({ viewport: { width: 1024, height: 768 } });
      const view = await remote.newPage();
      await view.goto(desk.url);
      await view.evaluate((l) => localStorage.setItem('shelfcast.language', l), language);
      await view.reload();
      await expect(view.getByTestId('tile-gmv')).toBeVisible();
      const deskOver = [
        ...(await regionOverflow(view)),
        ...(
          await overflowing(view, [
            '.dash-tile',
            '.dash-tile-value',
            '.dash-tables table',
            '.role-content > *',
          ])
        ).map((o) => `${o.selector} ${o.scrollWidth} > ${o.clientWidth}: ${o.text}`),
      ];
      expect(deskOver).toEqual([]);
      fs.writeFileSync(test.info().outputPath(`datadesk-${language}.png`), await view.screenshot());
      await view.getByTestId('dash-big').click();
      await expect(view.getByTestId('dashboard')).toHaveAttribute('data-big', 'true');
      expect(await overflowing(view, ['[data-testid=dashboard]', '.dash-tile', '.dash-tile-value'])).toEqual(
        [],
      );
      fs.writeFileSync(test.info().outputPath(`bigscreen-${language}.png`), await view.screenshot());
      await remote.close();

      await openAt(page, studio, language, '#/report');
      await page.getByTestId('report-show').selectOption(String(showId));
      await expect(page.getByTestId('report-products').locator('tbody tr').first()).toBeVisible();
      const over = [
        ...(await regionOverflow(page)),
        ...(
          await overflowing(page, ['.report-page', '.report-tables', '.report-table-box', '.airtime-bar'])
        ).map((o) => `${o.selector} ${o.scrollWidth} > ${o.clientWidth}: ${o.text}`),
      ];
      expect(over).toEqual([]);
      // Tables are as tall as their own rows: no airtime row stretched to a neighbour's height.
      const tallest = await page
        .locator('[data-testid=report-airtime] tbody tr, [data-testid=report-platforms] tbody tr')
        .evaluateAll((rows) => Math.max(0, ...rows.map((r) => r.getBoundingClientRect().height)));
      expect(tallest).toBeLessThan(80);
      const shot = await page.screenshot();
      fs.writeFileSync(test.info().outputPath(`report-${language}.png`), shot);
      if (language === 'zh-CN') fs.writeFileSync('resources/readme/report-1024-zh-CN.png', shot);
    });
  }
});
