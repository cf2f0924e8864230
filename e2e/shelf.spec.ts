import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type StudioHandle } from './studio-fixture';
import type { Locator, Page } from '@playwright/test';

const GBK_FIXTURE = path.resolve('src/main/core/shelf/fixtures/import/gbk-excel.csv');

/** Calls an operation over the console's HTTP API, as a script would. */
async function call<T>(studio: StudioHandle, op: string, input: unknown): Promise<T> {
  const res = await fetch(`${studio.origin}/api/v1/${op}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${studio.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T };
  if (!body.ok) throw new Error(`${op} failed: ${JSON.stringify(body)}`);
  return body.value;
}

const slotNames = (page: Page) => page.getByTestId('rundown-slot-name').allTextContents();

/**
 * Drags with real mouse steps: Chromium starts an HTML5 drag only after the pointer moves a few
 * pixels with the button down, which a single jump to the target does not do.
 */
async function drag(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + 20, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + 24, a.y + a.height / 2 - 6);
  await page.mouse.move(b.x + 20, b.y + 6, { steps: 6 });
  await page.mouse.up();
}

/** Loads the demo workspace from the empty shelf and opens its show's rundown (16 slots). */
async function openDemoRundown(page: Page, studio: StudioHandle): Promise<Locator> {
  await page.goto(studio.url);
  await page.getByTestId('nav-shelf').click();
  await page.getByTestId('load-demo').click();
  await expect(page.getByTestId('shelf-count')).toHaveText('共 97 个商品');
  await page.getByTestId('nav-rundown').click();
  const slots = page.getByTestId('rundown-slot');
  await expect(slots).toHaveCount(16);
  return slots;
}

/**
 * Focus the first slot, Alt+↓ moves it one down, ↓ then Alt+↑ moves the third up; waits for the
 * page to show that order and returns it.
 */
async function reorderByKeyboard(page: Page, slots: Locator, label = ''): Promise<string[]> {
  const before = await slotNames(page);
  await slots.first().focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('rundown-slot-name').nth(1)).toHaveText(before[0]!);
  await expect(page.getByTestId('rundown-slot-name').first()).toHaveText(before[1]!);
  await expect(slots.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Alt+ArrowUp');
  const after = [before[1]!, before[2]!, before[0]!, ...before.slice(3)];
  await expect(page.getByTestId('rundown-slot-name'), label).toHaveText(after);
  return after;
}

test.describe('shelf and rundown', () => {
  test('imports a GBK CSV through the wizard, shows the bad row, imports only the valid rows, finds by 2 characters', async ({
    page,
    studio,
  }) => {
    await page.goto(studio.url);
    await page.getByTestId('nav-shelf').click();
    await expect(page.getByTestId('shelf-empty')).toBeVisible();

    await page.getByTestId('shelf-import').click();
    await page.getByTestId('import-file').setInputFiles(GBK_FIXTURE);
    await expect(page.getByTestId('import-encoding')).toContainText('gbk');
    await expect(page.getByTestId('map-nameZh')).toHaveValue('1');
    await expect(page.getByTestId('map-livePrice')).toHaveValue('5');
    await page.getByTestId('import-to-preview').click();

    await expect(page.getByTestId('import-totals')).toContainText('4 行无误');
    const errorRows = page.getByTestId('import-error-row');
    await expect(errorRows).toHaveCount(1);
    await expect(errorRows).toContainText('第 4 行「直播价」：“九十八”不是有效价格');
    await expect(page.getByTestId('import-row')).toHaveCount(4);

    // All or nothing: with an error row, nothing is imported and the operator is told why.
    await page.getByTestId('import-apply').click();
    await expect(page.getByTestId('api-error')).toContainText('gbk-excel.csv 有 1 行有错误，未导入任何内容');
    expect((await call<{ total: number }>(studio, 'shelf.search', {})).total).toBe(0);

    await page.getByTestId('import-valid-only').check();
    await page.getByTestId('import-apply').click();
    await expect(page.getByTestId('import-result')).toContainText('新增 4，更新 0，跳过 1');
    await page.getByTestId('import-close').click();
    await expect(page.getByTestId('shelf-count')).toHaveText('共 4 个商品');
    await expect(page.getByTestId('shelf-row')).toHaveCount(4);

    await page.getByTestId('shelf-query').fill('当归');
    await expect(page.getByTestId('shelf-row')).toHaveCount(1);
    await expect(page.getByTestId('shelf-row-name')).toHaveText('岷县当归');
    await page.getByTestId('shelf-query').fill('枣');
    await expect(page.getByTestId('shelf-row-name')).toHaveText(['枣']);

    // Archive the one-character product from the bulk bar, then take it back with Undo.
    await page.getByTestId('shelf-row').first().getByRole('checkbox').check();
    await page.getByTestId('bulk-archive').click();
    await expect(page.getByTestId('shelf-row')).toHaveCount(0);
    await expect(page.getByTestId('undo-bar')).toContainText('已归档 1 个商品');
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('shelf-row-name')).toHaveText(['枣']);
  });

  test('loads the demo workspace and reorders the rundown by keyboard and by drag', async ({
    page,
    studio,
  }) => {
    // Tall enough that source and target of the drag are both in view: browsers drag only inside it.
    await page.setViewportSize({ width: 1400, height: 1500 });
    const slots = await openDemoRundown(page, studio);
    const afterKeys = await reorderByKeyboard(page, slots);

    const [show] = await call<{ id: number }[]>(studio, 'shows.list', {});
    const studioOrder = async () =>
      (
        await call<{ slots: { product: { nameZh: string } }[] }>(studio, 'rundown.get', { showId: show!.id })
      ).slots.map((s) => s.product.nameZh);
    await expect.poll(studioOrder).toEqual(afterKeys);

    // Drag: the fifth slot onto the top half of the first.
    await drag(page, slots.nth(4), slots.first());
    const afterDrag = [afterKeys[4], ...afterKeys.slice(0, 4), ...afterKeys.slice(5)];
    await expect(page.getByTestId('rundown-slot-name')).toHaveText(afterDrag as string[]);

    // The order is the studio's, not just the page's.
    const rundown = await call<{ slots: { position: number; product: { nameZh: string } }[] }>(
      studio,
      'rundown.get',
      {
        showId: show!.id,
      },
    );
    expect(rundown.slots.map((s) => s.product.nameZh)).toEqual(afterDrag);
    expect(rundown.slots.map((s) => s.position)).toEqual(afterDrag.map((_, i) => i));

    // Next puts the first slot on air; another browser would see it through rundown.onAirChanged.
    await page.getByTestId('rundown-next').click();
    await expect(slots.first().getByTestId('on-air-marker')).toBeVisible();
    await page.getByTestId('rundown-next').click();
    await expect(slots.nth(1).getByTestId('on-air-marker')).toBeVisible();
    await page.getByTestId('rundown-previous').click();
    await expect(slots.first().getByTestId('on-air-marker')).toBeVisible();
  });

  test('keyboard moves land where the operator sees them while another operator edits the rundown', async ({
    page,
    studio,
  }) => {
    const slots = await openDemoRundown(page, studio);

    // A second operator keeps editing the last slot's notes: every edit re-renders this page.
    const [show] = await call<{ id: number }[]>(studio, 'shows.list', {});
    const { slots: rows } = await call<{ slots: { id: number }[] }>(studio, 'rundown.get', {
      showId: show!.id,
    });
    let editing = true;
    const edits = (async () => {
      for (let n = 0; editing; n++) {
        await call(studio, 'rundown.updateSlot', { slotId: rows.at(-1)!.id, patch: { notes: `edit ${n}` } });
        await new Promise((r) => setTimeout(r, 3));
      }
    })();

    try {
      for (let round = 0; round < 15; round++) await reorderByKeyboard(page, slots, `round ${round}`);
    } finally {
      editing = false;
      await edits;
    }
  });

  test('keeps the DOM small with 10,000 products and scrolls to the last one', async ({ page, studio }) => {
    const lines = ['外部编码,商品名称,区县,直播价,库存'];
    for (let i = 0; i < 10_000; i++)
      lines.push(`BIG-${i},测试商品 ${i},县${i % 86},${(i % 500) + 1}.90,${i % 7}`);
    const contentBase64 = Buffer.from(lines.join('\r\n'), 'utf8').toString('base64');
    const result = await call<{ created: number }>(studio, 'shelf.importApply', {
      fileName: 'big.csv',
      contentBase64,
    });
    expect(result.created).toBe(10_000);

    await page.goto(studio.url);
    await page.getByTestId('nav-shelf').click();
    await expect(page.getByTestId('shelf-count')).toHaveText('共 10000 个商品');
    await expect(page.getByTestId('shelf-row').first()).toContainText('测试商品 0');
    expect(await page.locator('.shelf-row[data-index]').count()).toBeLessThan(80);

    await page.locator('.shelf-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(page.getByTestId('shelf-row-name').filter({ hasText: /^测试商品 9999$/ })).toBeVisible();
    expect(await page.locator('.shelf-row[data-index]').count()).toBeLessThan(80);

    // Keyboard: ↑ from the last row moves focus to the row above it.
    await page.getByTestId('shelf-row').last().focus();
    await page.keyboard.press('ArrowUp');
    await expect(page.locator('.shelf-row[data-index="9998"]')).toBeFocused();

    // Keys pressed faster than frames are drawn each move one row: none is lost.
    await page.locator('.shelf-scroll').evaluate((el) => (el.scrollTop = 0));
    await page.locator('.shelf-row[data-index="0"]').focus();
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
    await expect(page.locator('.shelf-row[data-index="8"]')).toBeFocused();
  });

  test('an image dropped on a product is stored with a thumbnail drawn by the browser', async ({
    page,
    studio,
  }) => {
    await page.goto(studio.url);
    await page.getByTestId('nav-shelf').click();
    await page.getByTestId('load-demo').click();
    await page.getByTestId('shelf-row-name').first().click();
    await page
      .getByTestId('image-drop')
      .locator('input[type=file]')
      .setInputFiles(path.resolve('resources/icon.png'));
    await expect(page.getByTestId('image-drop').locator('img.product-thumb')).toBeVisible();
    const files = fs.readdirSync(path.join(studio.dataDir, 'images'));
    const thumb = files.find((f) => f.endsWith('.thumb.jpg'));
    expect(thumb, files.join(', ')).toBeDefined();
    // A real JPEG the canvas encoded, not a copy of the PNG original.
    expect([...fs.readFileSync(path.join(studio.dataDir, 'images', thumb!)).subarray(0, 3)]).toEqual([
      0xff, 0xd8, 0xff,
    ]);
    expect(files.some((f) => f.endsWith('.png') && !f.includes('.thumb.'))).toBe(true);
  });
});
