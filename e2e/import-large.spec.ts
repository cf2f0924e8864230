import { expect, test, type StudioHandle } from './studio-fixture';

/** Calls an operation over the console's HTTP API, as a script would. */
async function call<T>(studio: StudioHandle, op: string, input: unknown): Promise<T> {
  const res = await fetch(`${studio.origin}/api/v1/${op}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${studio.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T };
  expect(body.ok).toBe(true);
  return body.value;
}

/** A generated sheet over 16 MiB (the old WebSocket frame limit): each row carries a long note. */
function largeSheet(rows: number): Buffer {
  const note = '陇原好物直播选品，产地直发，脆甜多汁。'.repeat(200); // unmapped column, 3 bytes a character
  const lines = ['外部编码,商品名称,直播价,库存,内部说明'];
  for (let i = 1; i <= rows; i++)
    lines.push(`E2E-${i},静宁苹果 第${i}箱,${19 + (i % 30)}.90,${i % 200},${note}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

test.describe('large import', () => {
  test('uploads a 17 MB sheet with progress, imports it in the background and shows rows written', async ({
    page,
    studio,
  }) => {
    test.setTimeout(240_000);
    const rows = 1_500;
    const buffer = largeSheet(rows);
    expect(buffer.length).toBeGreaterThan(16 * 1024 * 1024);

    await page.goto(studio.url);
    await page.getByTestId('nav-shelf').click();
    await page.getByTestId('shelf-import').click();
    await page.getByTestId('import-file').setInputFiles({ name: '大表.csv', mimeType: 'text/csv', buffer });

    // Uploaded (not sent through the WebSocket), read on the core, columns recognised.
    await expect(page.getByTestId('import-encoding')).toContainText('大表.csv', { timeout: 120_000 });
    await expect(page.getByTestId('import-encoding')).toContainText(String(rows));
    await page.getByTestId('import-to-preview').click();
    await expect(page.getByTestId('import-totals')).toContainText(`${rows} 行无误`, { timeout: 120_000 });

    await page.getByTestId('import-apply').click();
    // Progress comes as events while the rows are written; the dialog shows rows written.
    const progress = page.getByTestId('import-progress');
    await expect(progress.or(page.getByTestId('import-result'))).toBeVisible();
    await expect(page.getByTestId('import-result')).toContainText(`新增 ${rows}`, { timeout: 120_000 });
    expect((await call<{ total: number }>(studio, 'shelf.search', {})).total).toBe(rows);

    // Undo goes back in the background too.
    await page.getByTestId('import-undo').click();
    await expect(page.getByTestId('import-result')).toContainText('已撤销', { timeout: 120_000 });
    expect((await call<{ total: number }>(studio, 'shelf.search', {})).total).toBe(0);
  });
});
