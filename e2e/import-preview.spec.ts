import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './studio-fixture';
import type { Page } from '@playwright/test';

const VALUES = path.resolve('src/main/core/shelf/fixtures/import/values.csv');
const R = 'shelf:importRules.issue.';

async function openPreview(page: Page, url: string, file: string, timeout = 10_000) {
  await page.goto(url);
  await page.getByTestId('nav-shelf').click();
  await page.getByTestId('shelf-import').click();
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-to-preview')).toBeEnabled({ timeout });
  await page.getByTestId('import-to-preview').click();
  await expect(page.getByTestId('import-totals')).toBeVisible({ timeout });
}

test.describe('import preview', () => {
  test('lists errors and warnings, filters rows by reason and by column, imports the valid rows with their warnings', async ({
    page,
    studio,
  }) => {
    await openPreview(page, studio.url, VALUES);
    await expect(page.getByTestId('import-warned')).toContainText('2 行有警告');
    const problems = page.getByTestId('import-problem');
    await expect(problems.and(page.locator('[data-severity="warning"]'))).toHaveText([
      '警告 · 直播价 · 直播价高于原价 × 1',
      '警告 · 商品名称 · 名称过长 × 1',
    ]);
    await expect(page.getByTestId('import-error-row')).toHaveCount(10);
    await expect(page.getByTestId('import-warning-row')).toHaveCount(2);

    // by reason
    await page.getByTestId('import-filter-reason').selectOption(`${R}bad_stock`);
    await expect(page.getByTestId('import-error-row')).toHaveCount(3);
    await expect(page.getByTestId('import-warning-row')).toHaveCount(0);
    await expect(page.getByTestId('import-row')).toHaveCount(0);
    await expect(page.getByTestId('import-error-row').first()).toContainText(
      '第 10 行「库存」：“十”不是库存数',
    );
    await expect(page.getByTestId('import-shown')).toContainText('3 / 18');

    // by column: the live price column has four errors and one warning
    await page.getByTestId('import-filter-reason').selectOption('');
    await page.getByTestId('import-filter-column').selectOption('直播价');
    await expect(page.getByTestId('import-error-row')).toHaveCount(4);
    await expect(page.getByTestId('import-warning-row')).toHaveText([/直播价 59.90 高于原价 49.90/]);

    // warnings only, from the list of problems
    await problems.filter({ hasText: '名称过长' }).click();
    await expect(page.getByTestId('import-filter-show')).toHaveValue('warnings');
    await expect(page.getByTestId('import-error-row')).toHaveCount(0);
    await expect(page.getByTestId('import-warning-row')).toHaveCount(1);
    await expect(page.getByTestId('import-warning-row')).toContainText('名称有 61 个字');

    await page.getByTestId('import-filter-show').selectOption('all');
    await page.getByTestId('import-filter-reason').selectOption('');
    await page.getByTestId('import-filter-column').selectOption({ index: 0 });
    await expect(page.getByTestId('import-shown')).toContainText('18 / 18');

    await page.getByTestId('import-valid-only').check();
    await page.getByTestId('import-apply').click();
    await expect(page.getByTestId('import-result')).toContainText('新增 8，更新 0，跳过 10');
  });

  // The preview carries the first rows and at most 10,000 rows with problems, whatever the file's
  // size: this file fills it (12,000 bad rows of 24,000), so the table is at its largest. (A
  // 100,000-row file previews the same way once it arrives by the streamed upload; through one
  // WebSocket call it can outrun the 15 s call timeout on a loaded machine.)
  test('a preview at its largest keeps a small DOM, says it is capped, and scrolls to its last problem row', async ({
    page,
    studio,
  }) => {
    test.setTimeout(120_000);
    const lines = ['商家编码,商品名称,县,直播价,原价,库存'];
    for (let i = 1; i <= 24_000; i++) {
      const price = i % 2 === 0 ? '面议' : `${(i % 500) + 1}.9`;
      lines.push(`BIG-${i},陇南花椒 ${i} 号,武都区,${price},999,${i % 300}`);
    }
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-big-')), 'big.csv');
    fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);

    await openPreview(page, studio.url, file, 60_000);
    await expect(page.getByTestId('import-totals')).toContainText('24000');
    await expect(page.getByTestId('import-capped')).toContainText('10000');
    await expect(page.getByTestId('import-problem')).toHaveText(['错误 · 直播价 · 不是有效价格 × 12000']);
    await page.getByTestId('import-filter-show').selectOption('errors');
    await expect(page.getByTestId('import-shown')).toContainText('10000 / 24000');
    expect(await page.locator('.preview-table tbody tr').count()).toBeLessThan(80);

    const scroller = page.getByTestId('import-preview-scroll');
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(page.getByTestId('import-error-row').last()).toContainText('第 20001 行「直播价」：“面议”');
    expect(await page.locator('.preview-table tbody tr').count()).toBeLessThan(80);
  });
});
