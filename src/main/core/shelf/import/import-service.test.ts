import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '@shared/api/client';
import type { ImportIssue } from '@shared/api/domains/shelf';
import { shelfHarness, type ShelfHarness } from '../../../../../test-support/shelf/memory-studio';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import');
const file = (name: string) => ({
  fileName: name,
  contentBase64: fs.readFileSync(path.join(FIXTURES, name)).toString('base64'),
});
const where = (issues: ImportIssue[]) =>
  issues.map((i) => [i.row, i.column, i.key.replace('shelf:import.issue.', '')]);

let h: ShelfHarness;
afterEach(() => h?.close());

async function rejected(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiCallError) return err.error;
  }
  throw new Error('expected a failure');
}

describe('shelf import', () => {
  it('reads a GBK file from Excel: headers, money formats, listings; reports the bad price by row and column', async () => {
    h = shelfHarness();
    const preview = await h.call('shelf.importPreview', file('gbk-excel.csv'));
    expect(preview.encoding).toBe('gbk');
    expect(preview.headers[1]).toBe('商品名称');
    expect(preview.mapping).toMatchObject({
      outerSku: 0,
      nameZh: 1,
      originCity: 2,
      originCounty: 3,
      livePrice: 5,
      listPrice: 6,
      stock: 7,
      kuaishouItemId: 8,
      kuaishouCartLink: 9,
    });
    expect(preview.totals).toEqual({ rows: 5, valid: 4, invalid: 1, warned: 0, creates: 4, updates: 0 });
    const bad = preview.rows.filter((r) => r.issues.length > 0);
    expect(bad.map((r) => where(r.issues))).toEqual([[[4, '直播价', 'shelf:importRules.issue.bad_price']]]);
    expect(bad[0]!.issues[0]).toMatchObject({
      file: 'gbk-excel.csv',
      field: 'livePrice',
      params: { value: '九十八' },
    });
    expect(h.shelf.reader.getProduct(1)).toBeUndefined(); // a preview writes nothing
  });

  it('imports nothing while any row is bad, then only the valid rows when asked', async () => {
    h = shelfHarness();
    const err = await rejected(h.call('shelf.importApply', file('gbk-excel.csv')));
    expect(err).toMatchObject({
      code: 'conflict',
      key: 'shelf:import.errors.invalidRows',
      params: { count: 1, file: 'gbk-excel.csv' },
    });
    expect((await h.call('shelf.search', {})).total).toBe(0);

    const result = await h.call('shelf.importApply', { ...file('gbk-excel.csv'), validOnly: true });
    expect(result).toMatchObject({ created: 4, updated: 0, skipped: 1 });
    const items = (await h.call('shelf.search', {})).items;
    const bySku = Object.fromEntries(items.map((p) => [p.outerSku, p]));
    expect(bySku['GS-101']).toMatchObject({
      nameZh: '静宁苹果',
      livePriceFen: 4990,
      listPriceFen: 6990,
      stock: 120,
      originCounty: '静宁县',
      status: 'ready',
    });
    expect(bySku['GS-102']).toMatchObject({ livePriceFen: 8800 });
    expect(bySku['GS-104']).toMatchObject({ nameZh: '枣', livePriceFen: 129900 });
    expect(bySku['GS-105']).toMatchObject({ livePriceFen: 4590, listPriceFen: 4590, stock: 0 });
    const listing = h.shelf.reader.findListing('kuaishou', { itemId: '2100000000000001' });
    expect(listing).toMatchObject({ productId: bySku['GS-101']!.id, cartLinkNo: 3, outerSku: 'GS-101' });
    expect(h.eventsOf('shelf.changed').at(-1)?.productIds).toHaveLength(4);
  });

  it('re-importing the same file updates instead of duplicating, keeping unmapped fields', async () => {
    h = shelfHarness();
    await h.call('shelf.importApply', { ...file('gbk-excel.csv'), validOnly: true });
    const apple = (await h.call('shelf.search', { query: '静宁' })).items[0]!;
    await h.call('shelf.update', { id: apple.id, patch: { nameEn: 'Jingning apples', livePriceFen: 1 } });
    const preview = await h.call('shelf.importPreview', file('gbk-excel.csv'));
    expect(preview.totals).toMatchObject({ creates: 0, updates: 4 });
    const result = await h.call('shelf.importApply', { ...file('gbk-excel.csv'), validOnly: true });
    expect(result).toMatchObject({ created: 0, updated: 4 });
    expect((await h.call('shelf.search', {})).total).toBe(4);
    const again = (await h.call('shelf.get', { id: apple.id })).product;
    expect(again).toMatchObject({ nameEn: 'Jingning apples', livePriceFen: 4990 });
  });

  it('undoes a whole import: created products go, updated ones come back as they were', async () => {
    h = shelfHarness();
    const first = await h.call('shelf.importApply', { ...file('gbk-excel.csv'), validOnly: true });
    const apple = (await h.call('shelf.search', { query: '静宁' })).items[0]!;
    await h.call('shelf.update', { id: apple.id, patch: { livePriceFen: 1 }, listings: [] });
    const before = await h.call('shelf.get', { id: apple.id });
    const second = await h.call('shelf.importApply', { ...file('gbk-excel.csv'), validOnly: true });
    expect((await h.call('shelf.get', { id: apple.id })).product.livePriceFen).toBe(4990);
    await h.call('shelf.undo', { undoToken: second.undoToken });
    const after = await h.call('shelf.get', { id: apple.id });
    expect({ ...after.product, updatedAt: 0 }).toEqual({ ...before.product, updatedAt: 0 });
    expect(after.listings).toEqual([]);
    await h.call('shelf.undo', { undoToken: first.undoToken });
    expect((await h.call('shelf.search', {})).total).toBe(0);
  });

  it('matches on name and specification when chosen', async () => {
    h = shelfHarness();
    await h.call('shelf.importApply', { ...file('full-width.csv') });
    const r = await h.call('shelf.importPreview', { ...file('full-width.csv'), matchKey: 'nameAndSpec' });
    expect(r.totals).toMatchObject({ updates: 2, creates: 0 });
  });

  it('reads UTF-8 with BOM and English headers in any order', async () => {
    h = shelfHarness();
    const preview = await h.call('shelf.importPreview', file('bom-english.csv'));
    expect(preview.encoding).toBe('utf-8-bom');
    expect(preview.headers[0]).toBe('Price');
    await h.call('shelf.importApply', file('bom-english.csv'));
    const milk = (await h.call('shelf.search', { query: 'walnut milk' })).items[0];
    expect(milk).toMatchObject({
      nameZh: 'Hotan walnut milk',
      livePriceFen: 3990,
      listPriceFen: 5990,
      originCity: '和田地区',
      category: '饮品',
    });
  });

  it('reads full-width digits, yen signs and commas', async () => {
    h = shelfHarness();
    await h.call('shelf.importApply', file('full-width.csv'));
    const items = (await h.call('shelf.search', {})).items;
    expect(items.map((p) => [p.nameZh, p.livePriceFen, p.stock])).toEqual([
      ['和田骏枣', 3990, 1200],
      ['民丰灰枣', 2550, 30],
    ]);
  });

  it('says which required column is missing', async () => {
    h = shelfHarness();
    const preview = await h.call('shelf.importPreview', file('missing-columns.csv'));
    expect(preview.fileIssues.map((i) => [i.key, i.params.field])).toEqual([
      ['shelf:import.issue.missingColumn', 'livePrice'],
      ['shelf:import.issue.missingColumn', 'outerSku'],
    ]);
    expect(
      await rejected(h.call('shelf.importApply', { ...file('missing-columns.csv'), validOnly: true })),
    ).toMatchObject({
      code: 'conflict',
      key: 'shelf:import.issue.missingColumn',
      params: { field: 'livePrice', file: 'missing-columns.csv' },
    });
  });

  it('refuses each bad price with its row', async () => {
    h = shelfHarness();
    const preview = await h.call('shelf.importPreview', file('bad-prices.csv'));
    expect(preview.rows.flatMap((r) => where(r.issues))).toEqual([
      [2, '直播价', 'shelf:importRules.issue.negative_price'],
      [3, '直播价', 'shelf:importRules.issue.bad_price'],
      [4, '直播价', 'shelf:importRules.issue.bad_price'],
      [5, '直播价', 'required'],
    ]);
    expect(preview.totals.valid).toBe(1);
  });

  it('flags the second of two rows with the same outer SKU code, naming the first', async () => {
    h = shelfHarness();
    const preview = await h.call('shelf.importPreview', file('duplicates.csv'));
    const dup = preview.rows.find((r) => r.issues.length > 0)!;
    expect(dup.row).toBe(4);
    expect(dup.issues[0]).toMatchObject({
      key: 'shelf:importRules.issue.duplicate_key',
      column: '外部编码',
      params: { first: 2 },
    });
    await h.call('shelf.importApply', { ...file('duplicates.csv'), validOnly: true });
    expect((await h.call('shelf.search', {})).items.map((p) => p.nameZh)).toEqual(['和田核桃', '若羌灰枣']);
  });

  it('keeps one-character names, emoji, commas and line breaks inside cells', async () => {
    h = shelfHarness();
    await h.call('shelf.importApply', file('short-names-emoji.csv'));
    const items = (await h.call('shelf.search', {})).items;
    expect(items.map((p) => [p.nameZh, p.sellingPoints])).toEqual([
      ['枣', '甜,脆'],
      ['🍎苹果', '第一行\r\n第二行'],
      ['🥜', ''],
    ]);
    expect((await h.call('shelf.search', { query: '枣' })).items.map((p) => p.nameZh)).toEqual(['枣']);
  });

  it('says a file is neither CSV nor XLSX, or a broken XLSX', async () => {
    h = shelfHarness();
    const pdf = await h.call('shelf.importPreview', { fileName: 'a.pdf', contentBase64: 'JVBERg==' });
    expect(pdf.fileIssues[0]?.key).toBe('shelf:import.issue.file_format');
    const broken = await h.call('shelf.importPreview', { fileName: 'a.xlsx', contentBase64: 'UEsDBAo=' });
    expect(broken.fileIssues[0]?.key).toBe('shelf:import.issue.file_broken');
  });

  it('refuses platform ids that Excel turned into numbers too large to keep their digits', async () => {
    h = shelfHarness();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('货架');
    sheet.addRow(['商品名称', '直播价', '快手商品ID', '货号']);
    sheet.addRow(['和田核桃', 39.9, 2 ** 53 + 2, 'ID-1']); // as Excel stores 9007199254740993 typed into a number cell
    sheet.addRow(['若羌灰枣', 29.9, '9007199254740993', 'ID-2']);
    const contentBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const preview = await h.call('shelf.importPreview', { fileName: 'ids.xlsx', contentBase64 });
    expect(preview.rows.map((r) => where(r.issues))).toEqual([[[2, '快手商品ID', 'badId']], []]);
  });

  it('imports an XLSX sheet with the operator’s own column mapping', async () => {
    h = shelfHarness();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('货架');
    sheet.addRow(['品', '钱', '编']);
    sheet.addRow(['两当狼牙蜜', 98, 'X-1']);
    sheet.addRow(['康县黑木耳', '39.90元', 'X-2']);
    const contentBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const preview = await h.call('shelf.importPreview', { fileName: 'mine.xlsx', contentBase64 });
    expect(preview.fileIssues.map((i) => i.params.field).sort()).toEqual(['livePrice', 'nameZh', 'outerSku']);
    const mapping = { nameZh: 0, livePrice: 1, outerSku: 2 };
    await h.call('shelf.importApply', { fileName: 'mine.xlsx', contentBase64, mapping });
    expect(
      (await h.call('shelf.search', {})).items.map((p) => [p.nameZh, p.livePriceFen, p.outerSku]),
    ).toEqual([
      ['两当狼牙蜜', 9800, 'X-1'],
      ['康县黑木耳', 3990, 'X-2'],
    ]);
  });
});
