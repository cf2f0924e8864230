import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openTable, type TableRow } from './read-table';

const ROWS = 3_000;
/** Long Chinese names: the shared strings run to hundreds of kilobytes, cut into many chunks. */
const nameOf = (i: number) => `${'甘肃陇南武都花椒'.repeat(4)} 第${i}号`;

function fill(wb: ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter) {
  const help = wb.addWorksheet('说明');
  help.addRow(['外部编码', '商品名称', '直播价']).commit();
  const cover = wb.addWorksheet('封面');
  cover.addRow(['陇原好物']).commit();
  const sheet = wb.addWorksheet('商品');
  sheet.addRow(['2026年陇原好物直播选品表']).commit();
  sheet.addRow(['外部编码', '商品名称', '直播价', '库存']).commit();
  for (let i = 1; i <= ROWS; i++) sheet.addRow([`LY-${i}`, nameOf(i), 19.9, i]).commit();
  sheet.addRow(['LY-ERR', '坏价格', { formula: '1/0', result: { error: '#DIV/0!' } }, 1]).commit();
  sheet.addRow(['合计', null, null, ROWS]).commit();
}

/** A workbook as exceljs writes it in one piece (shared strings before the worksheets). */
async function wholeBook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A workbook written as a stream, shared strings last, as Excel writes them. */
async function streamedBook(): Promise<Uint8Array> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  fill(wb);
  await wb.commit();
  return new Uint8Array(Buffer.concat(parts));
}

describe.each([
  ['shared strings first', wholeBook],
  ['shared strings last', streamedBook],
])('an XLSX read as a stream (%s)', (_, book) => {
  it('opens by reading only the first rows of each sheet, and a pass reads only the rows asked for', async () => {
    const bytes = await book();
    const read = new Map<string, number>();
    const table = await openTable('book.xlsx', bytes, 'auto', undefined, {
      rowRead: (sheet) => read.set(sheet, (read.get(sheet) ?? 0) + 1),
    });
    expect(table).toMatchObject({
      sheet: '商品',
      headerRow: 2,
      headers: ['外部编码', '商品名称', '直播价', '库存'],
    });
    // Choosing the sheet read the first ten rows of the product sheet, the cover's one row, and
    // nothing of the instructions: not the workbook.
    expect(Object.fromEntries(read)).toEqual({ 封面: 1, 商品: 10 });

    read.clear();
    const pass = table.rows();
    const first: TableRow[] = [];
    for (let k = 0; k < 3; k++) first.push((await pass.next()).value as TableRow);
    await pass.return(undefined);
    // Title, header and three data rows: what the pass gave, nothing ahead.
    expect(Object.fromEntries(read)).toEqual({ 商品: 5 });
    expect(first.map((r) => r.cells.slice(0, 2))).toEqual([
      ['LY-1', nameOf(1)],
      ['LY-2', nameOf(2)],
      ['LY-3', nameOf(3)],
    ]);
  });

  it('a whole pass gives every row as written, Chinese text intact, errors by their text', async () => {
    const table = await openTable('book.xlsx', await book(), 'auto');
    const rows: TableRow[] = [];
    for await (const r of table.rows()) rows.push(r);
    expect(rows).toHaveLength(ROWS + 1);
    const wrong = rows.slice(0, ROWS).filter((r, k) => r.cells[1] !== nameOf(k + 1) || r.row !== k + 3);
    expect(wrong).toEqual([]);
    expect(rows[0]!.values?.[2]).toBe(19.9);
    expect(rows.at(-1)!.cells).toEqual(['LY-ERR', '坏价格', '#DIV/0!', '1']);
    expect(table.skipped).toEqual({ title: 1, blank: 0, totals: 1 });
  });
});

describe('merged cells in a streamed XLSX', () => {
  it('give their value to every cell they cover, as Excel shows them (a province merged down the rows)', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('商品');
    s.addRow(['2026年选品表']);
    s.mergeCells('A1:E1');
    s.addRow(['外部编码', '商品名称', '直播价', '省份', '城市']);
    s.addRow(['A-1', '静宁苹果', 19.9, '甘肃省', '平凉市']);
    s.addRow(['A-2', '秦安花椒', 29.9, null, '天水市']);
    s.addRow(['A-3', '安定土豆粉', 9.9, null, '定西市']);
    s.addRow(['H-1', '于田玫瑰花', 39.9, '新疆维吾尔自治区', '和田地区']);
    s.mergeCells('D3:D5');
    const table = await openTable('book.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()), 'auto');
    const rows: TableRow[] = [];
    for await (const r of table.rows()) rows.push(r);
    expect(table).toMatchObject({ headerRow: 2, skipped: { title: 1 } });
    expect(rows.map((r) => [r.row, r.cells[3], r.cells[4]])).toEqual([
      [3, '甘肃省', '平凉市'],
      [4, '甘肃省', '天水市'],
      [5, '甘肃省', '定西市'],
      [6, '新疆维吾尔自治区', '和田地区'],
    ]);
  });
});

describe('cell values in a streamed XLSX', () => {
  it('reads a boolean as Excel shows it (TRUE/FALSE), a formula by its cached result', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('商品');
    s.addRow(['外部编码', '商品名称', '直播价', '卖点']);
    s.addRow(['B-1', '真', 9.9, true]);
    s.addRow(['B-2', '假', { formula: '4.95*2', result: 9.9 }, false]);
    const table = await openTable('book.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()), 'auto');
    const rows: TableRow[] = [];
    for await (const r of table.rows()) rows.push(r);
    expect(rows.map((r) => r.cells)).toEqual([
      ['B-1', '真', '9.9', 'TRUE'],
      ['B-2', '假', '9.9', 'FALSE'],
    ]);
  });
});
