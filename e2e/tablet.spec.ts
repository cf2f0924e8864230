/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, stopStudio, test, type StudioHandle } from './studio-fixture';
import { demoShowWithOrders, openAt, overflowing, startDemoStudio } from './figures-helpers';
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

/**
 * A catalogue export as wide as a platform's: the six columns the import knows, then 22 more
 * (long header names, long cells) that it leaves unmapped.
 */
function wideCatalogue(): string {
  const known = ['商家编码', '商品名称', '县', '直播价', '原价', '库存'];
  const extra = [
    '商品条码（国际标准 EAN-13）',
    '品牌',
    '产地（省/市/县）',
    '规格型号',
    '净含量（克）',
    '保质期（天）',
    '储存条件',
    '生产许可证编号',
    '执行标准',
    '配料表',
    '包装方式',
    '发货地',
    '快递公司',
    '是否包邮',
    '售后服务说明',
    '主播卖点一',
    '主播卖点二',
    '直播间福利说明',
    '类目（一级/二级/三级）',
    '供应商名称',
    '供应商联系电话',
    '备注（仅内部可见，不展示给观众）',
  ];
  const lines = [[...known, ...extra].join(',')];
  for (let i = 1; i <= 30; i++) {
    const cells = [
      `WIDE-${i}`,
      `陇南花椒礼盒 ${i} 号（大红袍，特级，500 克装）`,
      '武都区',
      '39.9',
      '59.9',
      '120',
    ];
    const more = extra.map((h, j) => `${h}：第 ${i} 行第 ${j + 7} 列的一段较长的说明文字`);
    lines.push([...cells, ...more].join(','));
  }
  return lines.join('\n');
}

/** Every page at 1024×768 (a tablet) in all three languages: nothing runs out of its box sideways. */
test.describe('tablet 1024×768', () => {
  let studio: StudioHandle;
  let showId: number;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    studio = await startDemoStudio();
    showId = (await demoShowWithOrders(studio, 20)).id;
  });
  test.afterAll(async () => {
    if (studio) await stopStudio(studio);
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

    test(`import preview of a 28-column file in ${language}`, async ({ page }) => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-wide-')), 'wide-28.csv');
      fs.writeFileSync(file, wideCatalogue());
      await openAt(page, studio, language, '#/shelf');
      await page.getByTestId('shelf-import').click();
      await page.getByTestId('import-file').setInputFiles(file);
      await expect(page.getByTestId('import-to-preview')).toBeEnabled({ timeout: 15_000 });
      await page.getByTestId('import-to-preview').click();
      await expect(page.getByTestId('import-totals')).toBeVisible({ timeout: 15_000 });
      const scroll = page.getByTestId('import-preview-scroll');
      await expect(scroll.locator('thead th')).toHaveCount(3 + 28);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

      // The page has no horizontal scroll bar; nothing in the frame or the dialog runs out sideways.
      const doc = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(doc.scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(doc.clientWidth);
      const over = [
        ...(await regionOverflow(page)),
        ...(
          await overflowing(page, [
            '[data-testid=import-wizard]',
            '[data-testid=import-wizard] > *',
            '.import-filters',
            '.import-problems',
          ])
        ).map((o) => `${o.selector}[${o.index}] ${o.scrollWidth} > ${o.clientWidth}: ${o.text}`),
      ];
      expect(over).toEqual([]);

      // The table scrolls inside its own box, which stays within the dialog.
      const box = await scroll.evaluate((el) => {
        const wizard = el.closest('[data-testid=import-wizard]')!.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return {
          scrolls: el.scrollWidth > el.clientWidth,
          overflowX: getComputedStyle(el).overflowX,
          inside: r.left >= wizard.left - 1 && r.right <= wizard.right + 1,
          right: r.right,
        };
      });
      expect(box).toMatchObject({ scrolls: true, overflowX: 'auto', inside: true });
      expect(box.right).toBeLessThanOrEqual(1024);

      // Headers are readable: each on one line, its whole text shown, not squeezed letter by letter.
      const headers = await scroll.locator('thead th').evaluateAll((ths) =>
        ths.map((th) => {
          const range = document.createRange();
          range.selectNodeContents(th);
          const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top));
          return {
            text: th.textContent ?? '',
            lines: new Set(tops).size,
            clipped: th.scrollWidth > th.clientWidth + 1,
          };
        }),
      );
      const unreadable = headers.filter((h) => h.lines > 1 || h.clipped);
      expect(unreadable).toEqual([]);
      // Scrolled to its far end (the start in ug), the last header is in view inside the box.
      await scroll.evaluate((el) => {
        el.scrollLeft = getComputedStyle(el).direction === 'rtl' ? -el.scrollWidth : el.scrollWidth;
      });
      await expect(scroll.locator('thead th').last()).toBeInViewport();
      fs.writeFileSync(test.info().outputPath(`import-28-${language}.png`), await page.screenshot());
      await page.getByTestId('import-close').click();
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
