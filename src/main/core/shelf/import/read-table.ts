import ExcelJS from 'exceljs';
import { recogniseColumns } from './columns';
import { csvRecordStream, sniffDelimiter } from './csv-records';
import { decodeText, type TextEncoding } from './decode-text';
import { unescapeCsvCell } from './table-file';

/** A spreadsheet cell that holds an error (`#DIV/0!`, `#N/A`), itself or as a formula's result. */
export interface CellError {
  error: string;
}
/** What a cell holds beyond its text: XLSX numbers (by value, not display) and errors. */
export type CellValue = number | CellError;

export interface TableRow {
  /** Row number as the operator's spreadsheet shows it. */
  row: number;
  /** Each cell as text (numbers in full, errors as their error text). */
  cells: string[];
  /** Same positions as `cells`: the number or error a cell holds, for XLSX; absent for text. */
  values?: (CellValue | undefined)[];
  /** A CSV record whose quoted cell never closed: its cells are the raw line. */
  unterminated?: { line: number };
}

export interface Table {
  encoding: TextEncoding | 'xlsx';
  /** The XLSX sheet read; null for CSV. */
  sheet: string | null;
  /** Row number of the header row; rows above it are title rows. */
  headerRow: number;
  headers: string[];
  /** Data rows: blank rows and totals rows (合计/总计/小计) are left out. */
  rows: TableRow[];
  skipped: { blank: number; totals: number; title: number };
}

export class UnreadableFileError extends Error {
  constructor(
    readonly reason: 'format' | 'empty' | 'broken',
    detail: string,
  ) {
    super(detail);
  }
}

export const isXlsx = (fileName: string) => /\.xlsx$/i.test(fileName);

/** Rows searched for the header, and how many recognised columns make a row the header. */
const HEADER_SEARCH_ROWS = 10;
const HEADER_MIN_RECOGNISED = 3;
const PRODUCT_SHEETS = ['商品', '商品清单', '选品'];
const isInstructions = (name: string) => /说明|instruction|readme/i.test(name);
const TOTALS = /^(合计|总计|小计)[:：]?$/;

/** How many columns of a candidate header row are recognised. */
export type HeaderScore = (cells: readonly string[]) => number;
const shelfScore: HeaderScore = (cells) => Object.keys(recogniseColumns(cells.map((c) => c.trim()))).length;

/**
 * Reads a CSV/TSV (any of our encodings) or an XLSX into header + data rows. The header is the
 * first of the first ten rows with at least three recognised columns (else the first with two
 * different texts, else the first non-blank row); rows above it are title rows. Blank rows and
 * totals rows are skipped.
 */
export async function readTable(
  fileName: string,
  bytes: Uint8Array,
  encoding: 'auto' | 'utf-8' | 'gbk',
  score: HeaderScore = shelfScore,
): Promise<Table> {
  const t = await openTable(fileName, bytes, encoding, score);
  const rows = [...t.rows()];
  return {
    encoding: t.encoding,
    sheet: t.sheet,
    headerRow: t.headerRow,
    headers: t.headers,
    rows,
    skipped: t.skipped,
  };
}

/** A table read row by row: what `readTable` gives, without holding every row. */
export interface TableStream extends Omit<Table, 'rows'> {
  /**
   * The data rows from the first, each call a new pass (blank and totals rows left out). `skipped`
   * is complete once a pass has run to the end.
   */
  rows(): Generator<TableRow>;
}

/**
 * Opens a table as `readTable` reads it, but hands out its data rows one at a time: a CSV keeps
 * only its text and reads records as they are asked for, so a 100,000-row file is never held as
 * rows. (An XLSX workbook is read whole by the spreadsheet library: its rows are kept.)
 */
export async function openTable(
  fileName: string,
  bytes: Uint8Array,
  encoding: 'auto' | 'utf-8' | 'gbk',
  score: HeaderScore = shelfScore,
): Promise<TableStream> {
  if (isXlsx(fileName)) {
    const { rows, sheet } = await readXlsx(bytes, score);
    return streamOf(() => rows.values(), 'xlsx', sheet, score);
  }
  if (!/\.(csv|txt|tsv)$/i.test(fileName))
    throw new UnreadableFileError('format', `not CSV or XLSX: ${fileName}`);
  const { text, encoding: used } = decodeText(bytes, encoding);
  if (text.trim() === '') throw new UnreadableFileError('empty', 'no text');
  const delimiter = sniffDelimiter(text);
  function* records(): Generator<TableRow> {
    for (const r of csvRecordStream(text, delimiter))
      yield r.unterminated
        ? { row: r.row, cells: r.cells, unterminated: { line: r.line } }
        : { row: r.row, cells: r.cells.map(unescapeCsvCell) };
  }
  return streamOf(records, used, null, score);
}

async function readXlsx(bytes: Uint8Array, score: HeaderScore): Promise<{ rows: TableRow[]; sheet: string }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (err) {
    throw new UnreadableFileError('broken', String(err));
  }
  const sheets = wb.worksheets
    .filter((s) => !isInstructions(s.name))
    .map((s) => ({ name: s.name, rows: sheetRows(s) }))
    .filter((s) => s.rows.some((r) => !isBlank(r.cells)));
  if (sheets.length === 0) throw new UnreadableFileError('empty', 'no worksheet with cells');
  const chosen =
    sheets.find((s) => PRODUCT_SHEETS.includes(s.name.trim())) ??
    sheets.find((s) => findHeader(s.rows, score) !== null) ??
    sheets[0]!;
  return { rows: chosen.rows, sheet: chosen.name };
}

function sheetRows(sheet: ExcelJS.Worksheet): TableRow[] {
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    let values: (CellValue | undefined)[] | undefined;
    for (let c = 1; c <= row.cellCount; c++) {
      const v = readCell(row.getCell(c).value);
      if (typeof v === 'string') cells.push(v);
      else {
        values ??= [];
        values[c - 1] = v;
        cells.push(typeof v === 'number' ? numberText(v) : v.error);
      }
    }
    rows.push(values ? { row: rowNumber, cells, values } : { row: rowNumber, cells });
  });
  return rows;
}

/** A cell by value: formulas by their cached result, rich text and links by their text. */
function readCell(v: ExcelJS.CellValue | undefined): string | CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('error' in v) return { error: String(v.error) };
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    return result === undefined ? '' : readCell(result as ExcelJS.CellValue);
  }
  if ('text' in v) return readCell((v as { text: ExcelJS.CellValue }).text);
  return '';
}

/**
 * A number as text, in full (`6975123400018`, not `6.97512E+12`). An integer past 2^53 has already
 * lost digits in Excel: it reads as Excel shows it (9.00719925474099e+18) so an id refuses it.
 */
const numberText = (v: number) =>
  Number.isInteger(v) && !Number.isSafeInteger(v) ? v.toExponential() : String(v);

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

function findHeader(rows: readonly TableRow[], score: HeaderScore): number | null {
  let looked = 0;
  for (let i = 0; i < rows.length && looked < HEADER_SEARCH_ROWS; i++) {
    if (isBlank(rows[i]!.cells)) continue;
    looked++;
    if (score(rows[i]!.cells) >= HEADER_MIN_RECOGNISED) return i;
  }
  return null;
}

/**
 * Without a recognised header (the operator maps the columns), the header is the first of the
 * first ten rows with two different texts: a title row (`选品表,,,` or a merged A1:K1 cell, which
 * repeats one text) is not a header.
 */
function likelyHeader(rows: readonly TableRow[]): number | null {
  let looked = 0;
  for (let i = 0; i < rows.length && looked < HEADER_SEARCH_ROWS; i++) {
    if (isBlank(rows[i]!.cells)) continue;
    looked++;
    if (new Set(rows[i]!.cells.map((c) => c.trim()).filter((c) => c !== '')).size >= 2) return i;
  }
  return null;
}

/**
 * The header found among the first records (see findHeader, likelyHeader), then the data rows on
 * demand. Only the records up to the tenth non-blank one are looked at to find the header.
 */
function streamOf(
  records: () => Iterator<TableRow>,
  encoding: Table['encoding'],
  sheet: string | null,
  score: HeaderScore,
): TableStream {
  const head: TableRow[] = [];
  const it = records();
  for (let nonBlank = 0; nonBlank < HEADER_SEARCH_ROWS;) {
    const next = it.next();
    if (next.done) break;
    head.push(next.value);
    if (!isBlank(next.value.cells)) nonBlank++;
  }
  const first = head.findIndex((r) => !isBlank(r.cells));
  if (first < 0) throw new UnreadableFileError('empty', 'no header row');
  const at = findHeader(head, score) ?? likelyHeader(head) ?? first;
  const header = head[at]!;
  const skipped = {
    blank: 0,
    totals: 0,
    title: head.slice(0, at).filter((r) => !isBlank(r.cells)).length,
  };
  return {
    encoding,
    sheet,
    headerRow: header.row,
    headers: header.cells.map((h) => h.trim()),
    skipped,
    *rows() {
      const counted = { blank: 0, totals: 0 };
      const rest = records();
      for (let i = 0; i <= at; i++) rest.next();
      for (let next = rest.next(); !next.done; next = rest.next()) {
        const r = next.value;
        const firstText = r.cells.find((c) => c.trim() !== '');
        if (firstText === undefined) counted.blank++;
        else if (!r.unterminated && TOTALS.test(firstText.trim())) counted.totals++;
        else yield r;
      }
      skipped.blank = counted.blank;
      skipped.totals = counted.totals;
    },
  };
}
