/**
 * The rules of docs/catalog-import.md, one `describe` per section, each proven with files made for
 * it (fixtures/import/*, and XLSX workbooks built here with exceljs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportIssue, ImportPreview } from '@shared/api/domains/shelf';
import { shelfHarness, type ShelfHarness } from '../../../../../test-support/shelf/memory-studio';
import { writeZip } from '../../../../../test-support/shelf/zip-writer';
import { recogniseColumns } from './columns';
import { csvRecords } from './csv-records';
import { escapeCsvCell, unescapeCsvCell } from './table-file';
import { zipParts } from './zip-parts';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import');
const bytesOf = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const file = (name: string) => ({ fileName: name, contentBase64: bytesOf(name).toString('base64') });
const R = 'shelf:importRules.issue.';
const short = (key: string) => key.replace(R, '').replace('shelf:import.issue.', '');
/** [row, column as headed in the file, reason] of each issue. */
const where = (issues: readonly ImportIssue[]) => issues.map((i) => [i.row, i.column, short(i.key)]);
const allIssues = (p: ImportPreview) => p.rows.flatMap((r) => where(r.issues));
const allWarnings = (p: ImportPreview) => p.rows.flatMap((r) => where(r.warnings));

let h: ShelfHarness;
afterEach(() => h?.close());

async function workbook(build: (wb: ExcelJS.Workbook) => void, name = 'book.xlsx') {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return { fileName: name, contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

const products = async () =>
  (await h.call('shelf.search', { limit: 1000 })).items.map((p) => ({
    code: p.outerSku,
    name: p.nameZh,
    live: p.livePriceFen,
    list: p.listPriceFen,
    stock: p.stock,
    city: p.originCity,
    county: p.originCounty,
  }));

describe('finding the table', () => {
  it('skips title rows above the header, blank rows and the totals row; ignores unknown columns', async () => {
    h = shelfHarness();
    const p = await h.call('shelf.importPreview', file('title-rows.csv'));
    expect(p.fileIssues).toEqual([]);
    expect(p.headerRow).toBe(3);
    expect(p.skipped).toEqual({ title: 1, blank: 1, totals: 1 });
    expect(p.mapping).toMatchObject({ outerSku: 1, nameZh: 2, originCity: 3, originCounty: 4 });
    expect(p.mapping).toMatchObject({ livePrice: 5, listPrice: 6, stock: 7 }); // units in brackets
    expect(p.totals).toMatchObject({ rows: 3, valid: 3, invalid: 0 });
    expect(p.rows.map((r) => r.row)).toEqual([4, 5, 7]);
    await h.call('shelf.importApply', file('title-rows.csv'));
    expect(await products()).toEqual([
      {
        code: 'LY-001',
        name: '临夏手抓羊肉',
        live: 8900,
        list: 9900,
        stock: 40,
        city: '临夏州',
        county: '东乡县',
      },
      {
        code: 'LY-002',
        name: '甘南牦牛肉干',
        live: 12800,
        list: 15800,
        stock: 25,
        city: '甘南州',
        county: '合作市',
      },
      {
        code: 'LY-003',
        name: '岷县当归',
        live: 3990,
        list: 4990,
        stock: 100,
        city: '定西市',
        county: '岷县',
      },
    ]);
  });

  it('re-importing the file, or its GBK twin after the UTF-8 one, creates nothing new', async () => {
    h = shelfHarness();
    await h.call('shelf.importApply', file('title-rows.csv'));
    const twin = await h.call('shelf.importPreview', file('title-rows-gbk.csv'));
    expect(twin.encoding).toBe('gbk');
    expect(twin.totals).toMatchObject({ creates: 0, updates: 3 });
    expect(await h.call('shelf.importApply', file('title-rows-gbk.csv'))).toMatchObject({
      created: 0,
      updated: 3,
    });
    expect(await h.call('shelf.importApply', file('title-rows.csv'))).toMatchObject({
      created: 0,
      updated: 3,
    });
    expect((await h.call('shelf.search', {})).total).toBe(3);
  });

  it('recognises English headers (Outer SKU Code, Origin …), so a re-import matches instead of duplicating', async () => {
    h = shelfHarness();
    const p = await h.call('shelf.importPreview', file('english-headers.csv'));
    expect(p.mapping).toEqual({
      outerSku: 0,
      nameZh: 1,
      originCounty: 2,
      livePrice: 3,
      listPrice: 4,
      stock: 5,
      sellingPoints: 6,
      specification: 7,
      category: 8,
    });
    await h.call('shelf.importApply', file('english-headers.csv'));
    expect(await h.call('shelf.importApply', file('english-headers.csv'))).toMatchObject({
      created: 0,
      updated: 2,
    });
    const [yak] = (await h.call('shelf.search', { query: 'yak' })).items;
    expect(yak).toMatchObject({ outerSku: 'EN-1', originCounty: 'Hezuo', sellingPoints: 'Hand dried' });
  });

  it('reads Excel’s “Unicode text”: UTF-16 with a BOM, tab separated (LE and BE)', async () => {
    h = shelfHarness();
    const le = await h.call('shelf.importPreview', file('unicode-text.txt'));
    expect(le.encoding).toBe('utf-16le');
    expect(le.fileIssues).toEqual([]);
    expect(le.rows.map((r) => r.cells[1])).toEqual(['会宁小杂粮', '靖远枸杞, 特级']);
    const bytes = bytesOf('unicode-text.txt');
    const be = Buffer.alloc(bytes.length);
    for (let i = 0; i + 1 < bytes.length; i += 2) [be[i], be[i + 1]] = [bytes[i + 1]!, bytes[i]!];
    const p = await h.call('shelf.importPreview', {
      fileName: 'be.txt',
      contentBase64: be.toString('base64'),
    });
    expect(p.encoding).toBe('utf-16be');
    expect(p.rows.map((r) => r.cells)).toEqual(le.rows.map((r) => r.cells));
    await h.call('shelf.importApply', file('unicode-text.txt'));
    expect((await products()).map((x) => [x.code, x.live, x.county])).toEqual([
      ['UT-1', 2990, '会宁县'],
      ['UT-2', 5900, '靖远县'],
    ]);
  });

  it('a header line with tabs means tab-separated, whatever the extension', async () => {
    h = shelfHarness();
    const p = await h.call('shelf.importPreview', file('tabs-named-csv.csv'));
    expect(p.headers).toEqual(['外部编码', '名称', '价格', '规格']);
    expect(p.rows[0]!.cells).toEqual(['TB-1', '天水花牛苹果', '45', '5kg, 12个']);
  });

  it('an unterminated quote is an error on the row where it starts and swallows nothing after it', async () => {
    h = shelfHarness();
    const p = await h.call('shelf.importPreview', file('unterminated-quote.csv'));
    expect(p.totals).toMatchObject({ rows: 4, valid: 3, invalid: 1 });
    expect(allIssues(p)).toEqual([[3, '', 'unterminated_quote']]);
    expect(p.rows.find((r) => r.row === 3)!.issues[0]!.params).toEqual({ line: 3 });
    expect(p.rows.map((r) => [r.row, r.cells[1]])).toEqual([
      [2, '静宁苹果'],
      [3, '庄浪土豆'],
      [4, '通渭小米'],
      [5, '秦州"大樱桃"'],
    ]);
    expect(p.rows.at(-1)!.cells[3]).toBe('第一行\r\n第二行');
  });

  it('counts physical lines for the error even after a quoted cell spanning lines', () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n2,"open\r\n3,z\r\n';
    expect(csvRecords(text, ',').map((r) => [r.row, r.line, r.unterminated ?? false])).toEqual([
      [1, 1, false],
      [2, 2, false],
      [3, 4, true],
      [4, 5, false],
    ]);
  });

  it('XLSX: skips a 说明 sheet and a merged title; picks the first sheet whose header is recognised', async () => {
    h = shelfHarness();
    const book = await workbook((wb) => {
      const help = wb.addWorksheet('说明');
      help.addRow(['商品编码', '商品名称', '直播价', '请在第二个表填写']);
      const other = wb.addWorksheet('封面');
      other.addRow(['陇原好物']);
      const sheet = wb.addWorksheet('Sheet3');
      sheet.addRow(['2026年陇原好物直播选品表']);
      sheet.mergeCells('A1:K1');
      sheet.addRow(['序号', '商家编码', '商品名称', '州', '区县', '直播价', '原价', '库存', '折扣']);
      sheet.addRow([1, 'XL-1', '夏河藏包', '甘南州', '夏河县', 66, 88, 9, 0.75]);
      sheet.addRow(['合计', null, null, null, null, 66, null, 9]);
    });
    const p = await h.call('shelf.importPreview', book);
    expect(p).toMatchObject({ sheet: 'Sheet3', headerRow: 2, skipped: { title: 1, totals: 1 } });
    expect(p.totals).toMatchObject({ rows: 1, valid: 1 });
    await h.call('shelf.importApply', book);
    expect(await products()).toEqual([
      { code: 'XL-1', name: '夏河藏包', live: 6600, list: 8800, stock: 9, city: '甘南州', county: '夏河县' },
    ]);
  });

  it('with headers it does not know, the operator’s mapping still skips the title and totals rows', async () => {
    h = shelfHarness();
    const book = await workbook((wb) => {
      const s = wb.addWorksheet('表1');
      s.addRow(['2026年陇原好物直播选品表']);
      s.mergeCells('A1:D1');
      s.addRow(['品', '钱', '编', '备注']);
      s.addRow(['两当狼牙蜜', 98, 'X-1', '']);
      s.addRow(['合计', 98]);
    });
    const auto = await h.call('shelf.importPreview', book);
    expect(auto.headerRow).toBe(2);
    const mapping = { nameZh: 0, livePrice: 1, outerSku: 2 };
    const p = await h.call('shelf.importPreview', { ...book, mapping });
    expect(p).toMatchObject({ headerRow: 2, fileIssues: [], skipped: { title: 1, totals: 1 } });
    expect(p.totals).toMatchObject({ rows: 1, valid: 1 });
  });

  it('recognises every header synonym of the rules, with units in brackets and any case', () => {
    const synonyms: Record<string, string[]> = {
      outerSku: ['商家编码', '外部编码', '商品编码', '货号', 'SKU编码', 'Outer SKU Code', 'SKU Code', 'Code'],
      nameZh: ['商品名称', '名称', '品名', '商品', 'Name', 'Product Name'],
      listPrice: ['原价', '划线价', '市场价', 'List Price', '原价（元）', 'LIST PRICE (CNY)'],
      livePrice: ['直播价', '到手价', '价格', '售价', 'Price', 'Live Price', '直播价【元】'],
      originProvince: ['省'],
      originCity: ['市', '州', '地区'],
      originCounty: ['区县', '县', '区', '产地', 'Origin'],
      stock: ['库存', '数量', 'Stock', '库存（件）'],
      sellingPoints: ['卖点', '讲解要点', 'Selling Points'],
      specification: ['规格', 'Spec'],
      category: ['类目', 'Category'],
    };
    for (const [field, names] of Object.entries(synonyms)) {
      for (const name of names) {
        expect(recogniseColumns(['序号', ` ${name} `, '上架日期']), name).toEqual({ [field]: 1 });
      }
    }
  });

  it('XLSX: a sheet named 商品 (or 商品清单, 选品) wins over an earlier one', async () => {
    h = shelfHarness();
    const book = await workbook((wb) => {
      const old = wb.addWorksheet('上周');
      old.addRow(['商品编码', '商品名称', '直播价']);
      old.addRow(['OLD-1', '旧的', 1]);
      const now = wb.addWorksheet('选品');
      now.addRow(['商品编码', '商品名称', '直播价']);
      now.addRow(['NEW-1', '新的', 2]);
    });
    const p = await h.call('shelf.importPreview', book);
    expect(p.sheet).toBe('选品');
    expect(p.rows.map((r) => r.cells[0])).toEqual(['NEW-1']);
  });

  it('XLSX: reads parts by the archive directory and the workbook relationships, in any order and under any name', async () => {
    h = shelfHarness();
    const made = await workbook((wb) => {
      wb.addWorksheet('封面').addRow(['陇原好物']);
      const s = wb.addWorksheet('选品');
      s.addRow(['商品编码', '商品名称', '直播价']);
      s.addRow(['ZIP-1', '静宁苹果', 39.9]);
    });
    // As other writers lay a workbook out: worksheets first, the workbook part last, sheet parts
    // named as they like (the relationships say which is which).
    const zip = zipParts(Buffer.from(made.contentBase64, 'base64'));
    const parts = await Promise.all(
      zip.names().map(async (name) => ({ name, data: await buffer(zip.open(name)!) })),
    );
    const renamed = (s: string) => s.replace(/worksheets\/sheet(\d)\.xml/g, 'worksheets/第$1页.xml');
    const rank = (n: string) => (n.includes('worksheets/') ? 0 : n === 'xl/workbook.xml' ? 2 : 1);
    const repacked = writeZip(
      parts
        .map((p) => ({
          name: renamed(p.name),
          data: p.name.endsWith('.rels') ? renamed(p.data.toString()) : p.data,
        }))
        .sort((a, b) => rank(a.name) - rank(b.name)),
    );
    const book = { fileName: 'other-writer.xlsx', contentBase64: repacked.toString('base64') };
    const p = await h.call('shelf.importPreview', book);
    expect(p.fileIssues).toEqual([]);
    expect(p.sheet).toBe('选品');
    expect(p.rows.map((r) => r.cells)).toEqual([['ZIP-1', '静宁苹果', '39.9']]);
  });
});

describe('values', () => {
  it('reads money, stock and text by the rules; reports every bad cell by row and column', async () => {
    h = shelfHarness();
    const p = await h.call('shelf.importPreview', file('values.csv'));
    expect(allIssues(p)).toEqual([
      [6, '直播价', 'bad_price'],
      [7, '直播价', 'bad_price'],
      [8, '直播价', 'bad_price'],
      [9, '直播价', 'negative_price'],
      [10, '库存', 'bad_stock'],
      [11, '库存', 'bad_stock'],
      [12, '库存', 'bad_stock'],
      [14, '商品名称', 'required'],
      [15, '外部编码', 'missing_code'],
      [18, '外部编码', 'duplicate_key'],
    ]);
    const issue = (row: number) => p.rows.find((r) => r.row === row)!.issues[0]!;
    expect(issue(6).params).toEqual({ value: '1,2999.00' });
    expect(issue(7).params).toEqual({ value: '12.345' });
    expect(issue(10)).toMatchObject({ file: 'values.csv', params: { value: '十' } });
    expect(issue(18).params).toEqual({ first: 2 });
    expect(allWarnings(p)).toEqual([
      [16, '直播价', 'live_above_list'],
      [17, '商品名称', 'name_too_long'],
    ]);
    expect(p.rows.find((r) => r.row === 16)!.warnings[0]!.params).toEqual({ live: '59.90', list: '49.90' });
    expect(p.totals).toMatchObject({ rows: 18, valid: 8, invalid: 10, warned: 2 });
    expect(p.issueCounts).toContainEqual({
      severity: 'error',
      key: `${R}bad_price`,
      column: '直播价',
      count: 3,
    });
    expect(p.issueCounts).toContainEqual({
      severity: 'warning',
      key: `${R}name_too_long`,
      column: '商品名称',
      count: 1,
    });

    await h.call('shelf.importApply', { ...file('values.csv'), validOnly: true });
    const items = (await h.call('shelf.search', { limit: 100 })).items;
    const byCode = Object.fromEntries(items.map((x) => [x.outerSku, x]));
    expect(byCode['V-01']).toMatchObject({ livePriceFen: 3990, stock: 120 });
    expect(byCode['V-02']).toMatchObject({ livePriceFen: 3990 });
    expect(byCode['V-03']).toMatchObject({ livePriceFen: 129900, listPriceFen: 129900 });
    expect(byCode['V-04']).toMatchObject({ livePriceFen: 1 });
    expect(byCode['V-12']).toMatchObject({
      nameZh: '全角空格包围',
      sellingPoints: '“好吃”，🍎\n第二行',
      specification: '５００ｇ', // trimmed, never NFKC-normalised
    });
    expect(byCode['V-15']).toMatchObject({ livePriceFen: 5990, listPriceFen: 4990 });
    expect(byCode['V-16']!.nameZh).toBe(`甘肃${'好'.repeat(59)}`); // stored whole
    expect(byCode['v-01']).toMatchObject({ nameZh: '大小写不同' }); // codes are case-sensitive
    expect(items).toHaveLength(8);
  });

  it('a 300-character name is valid with a warning and stored whole', async () => {
    h = shelfHarness();
    const name = `甘肃陇南${'特级'.repeat(148)}`;
    const csv = `外部编码,商品名称,直播价\r\nLONG-1,${name},9.9\r\n`;
    const f = { fileName: 'long.csv', contentBase64: Buffer.from(csv).toString('base64') };
    const p = await h.call('shelf.importPreview', f);
    expect(p.totals).toMatchObject({ valid: 1, warned: 1 });
    expect(p.rows[0]!.warnings[0]).toMatchObject({
      key: `${R}name_too_long`,
      params: { length: 300, max: 60 },
    });
    await h.call('shelf.importApply', f);
    expect((await products()).map((x) => x.name)).toEqual([name]);
  });

  it('an empty list price is absent: a new product takes the live price, an update keeps the stored one', async () => {
    h = shelfHarness();
    const csv = (list: string) =>
      Buffer.from(`外部编码,商品名称,直播价,原价\r\nL-1,花牛苹果,49.9,${list}\r\n`).toString('base64');
    await h.call('shelf.importApply', { fileName: 'a.csv', contentBase64: csv('') });
    expect((await products()).map((x) => [x.live, x.list])).toEqual([[4990, 4990]]);
    await h.call('shelf.importApply', { fileName: 'a.csv', contentBase64: csv('69.9') });
    await h.call('shelf.importApply', { fileName: 'a.csv', contentBase64: csv('') });
    expect((await products()).map((x) => [x.live, x.list])).toEqual([[4990, 6990]]);
  });

  it('a row without an outer code is missing_code, so a re-import cannot duplicate it', async () => {
    h = shelfHarness();
    const csv = '外部编码,商品名称,直播价\r\nA-1,有编码,9.9\r\n ,没编码,9.9\r\n';
    const f = { fileName: 'codes.csv', contentBase64: Buffer.from(csv).toString('base64') };
    await expect(h.call('shelf.importApply', f)).rejects.toMatchObject({
      error: { key: 'shelf:import.errors.invalidRows', params: { count: 1 } },
    });
    await h.call('shelf.importApply', { ...f, validOnly: true });
    await h.call('shelf.importApply', { ...f, validOnly: true });
    expect((await products()).map((x) => x.code)).toEqual(['A-1']);
  });

  it('XLSX cells by value: float prices, formula results, error results, long codes, zero-led codes, unit formats', async () => {
    h = shelfHarness();
    const book = await workbook((wb) => {
      const s = wb.addWorksheet('商品');
      s.addRow(['商品编码', '商品名称', '直播价', '原价', '库存']);
      s.addRow(['000318', '零开头编码', 19.9, 33.3, 5]);
      s.addRow([6975123400018, '十三位编码', 9.95, 17.9, 200]);
      s.getCell('A3').numFmt = '0.00E+00'; // shows 6.98E+12
      s.getCell('E3').numFmt = '0"件"'; // shows 200件
      s.addRow(['F-1', '公式价', { formula: 'D4*0.9', result: 9.899999999999999 }, 11, 1]);
      s.addRow(['F-2', '浮点和', { formula: '0.1+0.2', result: 0.30000000000000004 }, null, 1]);
      s.addRow(['F-3', '除零', { formula: '1/0', result: { error: '#DIV/0!' } }, null, 1]);
      s.addRow(['F-4', '找不到', { error: '#N/A' }, null, 1]);
      s.addRow(['F-5', '三位小数', 12.345, null, 1]);
      s.addRow(['F-6', '小数库存', 1, null, 12.5]);
      s.addRow(['F-7', '负价', -3, null, 1]);
    });
    const p = await h.call('shelf.importPreview', book);
    expect(allIssues(p)).toEqual([
      [6, '直播价', 'bad_price'],
      [7, '直播价', 'bad_price'],
      [8, '直播价', 'bad_price'],
      [9, '库存', 'bad_stock'],
      [10, '直播价', 'negative_price'],
    ]);
    const params = (row: number) => p.rows.find((r) => r.row === row)!.issues[0]!.params;
    expect(params(6)).toEqual({ value: '#DIV/0!' });
    expect(params(7)).toEqual({ value: '#N/A' });
    await h.call('shelf.importApply', { ...book, validOnly: true });
    expect((await products()).map((x) => [x.code, x.live, x.list, x.stock])).toEqual([
      ['000318', 1990, 3330, 5],
      ['6975123400018', 995, 1790, 200],
      ['F-1', 990, 1100, 1],
      ['F-2', 30, 30, 1],
    ]);
  });
});

describe('import behaviour', () => {
  it('an empty file (0 bytes, BOM only, empty workbook) is empty_file; a header alone is no_data_rows', async () => {
    h = shelfHarness();
    const empty = await workbook((wb) => wb.addWorksheet('商品'), 'empty.xlsx');
    for (const f of [{ fileName: 'zero.csv', contentBase64: '' }, file('bom-only.csv'), empty]) {
      const p = await h.call('shelf.importPreview', f);
      expect(p.fileIssues.map((i) => [short(i.key), i.params.file])).toEqual([['empty_file', f.fileName]]);
      await expect(h.call('shelf.importApply', { ...f, validOnly: true })).rejects.toMatchObject({
        error: { key: `${R}empty_file`, params: { file: f.fileName } },
      });
    }
    const p = await h.call('shelf.importPreview', file('header-only.csv'));
    expect(p.fileIssues.map((i) => [short(i.key), i.params])).toEqual([
      ['no_data_rows', { file: 'header-only.csv', row: 1 }],
    ]);
    expect((await h.call('shelf.search', {})).total).toBe(0);
  });

  it('a row can carry several errors, and every one is reported', async () => {
    h = shelfHarness();
    const csv = '外部编码,商品名称,直播价,库存\r\n,,面议,十\r\n';
    const p = await h.call('shelf.importPreview', {
      fileName: 'many.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
    });
    expect(allIssues(p)).toEqual([
      [2, '商品名称', 'required'],
      [2, '直播价', 'bad_price'],
      [2, '库存', 'bad_stock'],
      [2, '外部编码', 'missing_code'],
    ]);
  });
});

describe('CSV export cells', () => {
  it('neutralises =, +, -, @, tab and CR at the start, and the importer undoes exactly that', () => {
    const risky = ['=1+1', '+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', "'=1", "''", "'''"];
    const escaped = risky.map(escapeCsvCell);
    expect(escaped).toEqual(["'=1+1", "'+1", "'-2+3", "'@SUM(A1)", "'\t=1", "'\r=1", "''=1", "'''", "''''"]);
    expect(escaped.map(unescapeCsvCell)).toEqual(risky);
    for (const safe of ['39.90', '静宁苹果', '', "'", "'x", 'a=b']) {
      expect(escapeCsvCell(safe)).toBe(safe);
      expect(unescapeCsvCell(safe)).toBe(safe);
    }
  });
});
