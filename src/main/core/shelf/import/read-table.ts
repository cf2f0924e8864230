import path from 'node:path';
import ExcelJS from 'exceljs';
import { recogniseColumns } from './columns';
import { csvRecordStream, sniffDelimiter } from './csv-records';
import { decodeText, type TextEncoding } from './decode-text';
import { unescapeCsvCell } from './table-file';
import { zipParts } from './zip-parts';

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

export async function readTable(
  fileName: string,
  bytes: Uint8Array,
  encoding: 'auto' | 'utf-8' | 'gbk',
  score: HeaderScore = shelfScore,
): Promise<Table> {
  const t = await openTable(fileName, bytes, encoding, score);
  const rows: TableRow[] = [];
  for await (const r of t.rows()) rows.push(r);
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
   * is complete once a pass has run to the end. A pass left before its end must be closed
   * (`return()`, as `for await … break` does): an XLSX pass then finishes reading the file.
   */
  rows(): AsyncGenerator<TableRow>;
}

/** Watches what an XLSX reader does (tests count the rows it turns into table rows). */
export interface ReadObserver {
  /** A worksheet row became a table row (sheet name, its row number). */
  rowRead?(sheet: string, row: number): void;
}

/**
 * Opens a table as `readTable` reads it, but hands out its data rows one at a time, each pass
 * reading the file again: a CSV keeps only its text, an XLSX only its bytes (its worksheets are
 * streamed, never loaded as a workbook), so a 100,000-row file is never held as rows.
 */
export async function openTable(
  fileName: string,
  bytes: Uint8Array,
  encoding: 'auto' | 'utf-8' | 'gbk',
  score: HeaderScore = shelfScore,
  observer: ReadObserver = {},
): Promise<TableStream> {
  if (isXlsx(fileName)) return openXlsx(bytes, score, observer);
  if (!/\.(csv|txt|tsv)$/i.test(fileName))
    throw new UnreadableFileError('format', `not CSV or XLSX: ${fileName}`);
  const { text, encoding: used } = decodeText(bytes, encoding);
  if (text.trim() === '') throw new UnreadableFileError('empty', 'no text');
  const delimiter = sniffDelimiter(text);
  async function* records(): AsyncGenerator<TableRow> {
    for (const r of csvRecordStream(text, delimiter))
      yield r.unterminated
        ? { row: r.row, cells: r.cells, unterminated: { line: r.line } }
        : { row: r.row, cells: r.cells.map(unescapeCsvCell) };
  }
  const head = await headOf(records());
  return streamOf(head, records, used, null, score);
}

type SheetReader = ExcelJS.stream.xlsx.WorksheetReader & {
  name: string;
  id: number | string;
  state?: string;
  iterator: AsyncIterable<unknown>;
};
interface Relationship {
  Id: string;
  Target: string;
  Type?: string;
}
type BookReader = Omit<ExcelJS.stream.xlsx.WorkbookReader, 'model' | 'parse'> & {
  model?: { sheets?: { name: string; id: number; rId: string; state?: string }[] };
  workbookRels?: Relationship[];
  parse(): AsyncGenerator<{ eventType: string; value: unknown }>;
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  /** Yields nothing: shared strings are cached. */
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<never>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(
    iterator: AsyncIterable<unknown>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: unknown }>;
};

/** A relationship's target as a part name: relative to `xl/`, or absolute from the root. */
const partName = (target: string) =>
  target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`);

/**
 * A reader over the workbook's bytes. Parts are found through the archive's directory
 * (`zipParts`), in the order the library needs them: relationships, workbook, shared strings,
 * styles, then each worksheet in the workbook's order, reached through its relationship (not by
 * its file name, which a generator may choose). The library decodes each chunk of XML on its own,
 * which garbles a Chinese character split between two chunks: its small parts are read as text
 * decoded across chunks instead, and each worksheet through `sheetChunks`.
 */
function bookReader(bytes: Uint8Array): BookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(undefined as never, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as BookReader;
  const asText = <A extends unknown[], R>(fn: (entry: NodeJS.ReadableStream, ...a: A) => R) =>
    function (this: BookReader, entry: NodeJS.ReadableStream, ...a: A): R {
      entry.setEncoding('utf8');
      return fn.call(this, entry, ...a);
    };
  reader._parseRels = asText(reader._parseRels);
  reader._parseWorkbook = asText(reader._parseWorkbook);
  reader._parseSharedStrings = asText(reader._parseSharedStrings);
  reader._parseStyles = asText(reader._parseStyles);
  reader.parse = async function* (this: BookReader): AsyncGenerator<{ eventType: string; value: unknown }> {
    const zip = zipParts(bytes);
    const rels = zip.open('xl/_rels/workbook.xml.rels');
    if (rels) await this._parseRels(rels);
    const book = zip.open('xl/workbook.xml');
    if (!book) return;
    await this._parseWorkbook(book);
    const relOf = (type: string, fallback: string) => {
      const rel = this.workbookRels?.find((r) => r.Type?.endsWith(`/${type}`));
      return zip.open(rel ? partName(rel.Target) : fallback) ?? zip.open(fallback);
    };
    const strings = relOf('sharedStrings', 'xl/sharedStrings.xml');
    if (strings) yield* this._parseSharedStrings(strings);
    const styles = relOf('styles', 'xl/styles.xml');
    if (styles) await this._parseStyles(styles);
    for (const [i, sheet] of (this.model?.sheets ?? []).entries()) {
      const rel = this.workbookRels?.find((r) => r.Id === sheet.rId);
      const part = rel && zip.open(partName(rel.Target));
      if (!part) continue;
      for (const event of this._parseWorksheet(part, String(i + 1))) {
        Object.assign(event.value as SheetReader, { name: sheet.name, id: sheet.id, state: sheet.state });
        yield event;
      }
    }
  };
  return reader;
}

/**
 * A worksheet's XML as text decoded across chunks (see bookReader), with an error cell's type
 * given as a formula's text result: the library reads a formula's cached error (`#DIV/0!`) as
 * NaN, and an error reads as its text by every rule (a price `#DIV/0!` is bad_price showing it).
 * `rest()` reads to the end of the worksheet without parsing it, when the rows are not wanted.
 * Merged ranges (listed after the rows) are collected on the way: `merges`.
 */
function sheetChunks(source: AsyncIterable<unknown>) {
  const it = source[Symbol.asyncIterator]();
  const decoder = new TextDecoder('utf-8');
  const merges: string[] = [];
  let carry = '';
  const text = (chunk: unknown) =>
    typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
  /** The chunk's whole tags (a tag cut by its end waits for the next), merges noted, errors as text. */
  const whole = (chunk: unknown, last = false): string => {
    const all = carry + text(chunk) + (last ? decoder.decode() : '');
    const cut = all.lastIndexOf('<');
    const end = !last && cut >= 0 && all.indexOf('>', cut) < 0 ? cut : all.length;
    carry = all.slice(end);
    const done = all.slice(0, end);
    for (const m of done.matchAll(/<mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"/g))
      merges.push(m[1]!);
    return done.replace(/(<c\b[^>]*?\bt=")e(")/g, '$1str$2');
  };
  return {
    merges,
    chunks: {
      async *[Symbol.asyncIterator]() {
        for (let guard = 0; guard < 1e9; guard++) {
          const next = await it.next();
          if (next.done) break;
          yield whole(next.value);
        }
        const last = whole('', true);
        if (last !== '') yield last;
      },
    },
    async rest() {
      for (let next = await it.next(), guard = 0; !next.done && guard < 1e9; guard++) {
        whole(next.value);
        next = await it.next();
      }
      whole('', true);
    },
  };
}

/** A merged range: its first cell (1-based row and column) and last. */
interface Merge {
  row: number;
  col: number;
  lastRow: number;
  lastCol: number;
}

const columnNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

function mergeOf(ref: string): Merge | null {
  const m = /^([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)$/.exec(ref);
  if (!m) return null;
  const [row, lastRow] = [Number(m[2]), Number(m[4])];
  const [col, lastCol] = [columnNumber(m[1]!), columnNumber(m[3]!)];
  return lastRow >= row && lastCol >= col && lastCol <= 16_384 ? { row, col, lastRow, lastCol } : null;
}

/**
 * Rows with each merged range's value in every cell it covers, as Excel shows them and as a loaded
 * workbook reads them (a 省份 merged down ten rows names the province on each). The first cell
 * of a range comes first in the stream; only the values of ranges still ahead are kept.
 */
async function* withMerges(
  rows: AsyncGenerator<TableRow>,
  refs: readonly string[],
): AsyncGenerator<TableRow> {
  const merges = refs
    .map(mergeOf)
    .filter((m): m is Merge => m !== null && (m.lastRow > m.row || m.lastCol > m.col));
  if (merges.length === 0) return yield* rows;
  const open = new Map<Merge, { text: string; value: CellValue | undefined }>();
  for await (const r of rows) {
    for (const m of merges) {
      if (m.row === r.row) open.set(m, { text: r.cells[m.col - 1] ?? '', value: r.values?.[m.col - 1] });
      const master = open.get(m);
      if (!master || r.row > m.lastRow) continue;
      for (let c = m.col; c <= m.lastCol; c++) {
        if (r.row === m.row && c === m.col) continue;
        while (r.cells.length < c) r.cells.push('');
        r.cells[c - 1] = master.text;
        if (master.value !== undefined) (r.values ??= [])[c - 1] = master.value;
      }
    }
    for (const m of open.keys()) if (m.lastRow <= r.row) open.delete(m);
    yield r;
  }
}

/** A worksheet met by a pass over the workbook. */
interface StreamedSheet {
  name: string;
  /** Its rows, streamed; whatever is not read is skipped unparsed when the pass moves on. */
  rows(): AsyncGenerator<TableRow>;
  /** Its merged ranges (`A2:A11`), complete once the pass has moved past the sheet. */
  merges: readonly string[];
}

/**
 * One pass over the workbook, worksheet by worksheet, in the workbook's order; a pass left early
 * reads nothing more. With `merges`, a sheet the pass moves past is read to its end (its merged
 * ranges come after its rows). `order()` is the sheet names in the workbook's order.
 */
function sheetsOf(
  bytes: Uint8Array,
  merges = true,
): { sheets: AsyncGenerator<StreamedSheet>; order(): string[] } {
  const reader = bookReader(bytes);
  async function* sheets(): AsyncGenerator<StreamedSheet> {
    const it = reader[Symbol.asyncIterator]();
    try {
      for (let guard = 0; guard < 100_000; guard++) {
        const next = await it.next();
        if (next.done) break;
        const ws = next.value as SheetReader;
        const source = sheetChunks(ws.iterator);
        ws.iterator = source.chunks;
        yield { name: ws.name, rows: () => sheetRows(ws), merges: source.merges };
        if (merges) await source.rest();
      }
      if (!reader.model) throw new Error('no workbook part');
    } catch (err) {
      throw err instanceof UnreadableFileError ? err : new UnreadableFileError('broken', String(err));
    } finally {
      await it.return?.(undefined);
    }
  }
  return { sheets: sheets(), order: () => (reader.model?.sheets ?? []).map((s) => s.name) };
}

/** The rows of a streamed worksheet as table rows (rows with no cell are not in the file). */
async function* sheetRows(ws: SheetReader): AsyncGenerator<TableRow> {
  const rows = ws[Symbol.asyncIterator]();
  for (let guard = 0; guard < 1e8; guard++) {
    let next: IteratorResult<ExcelJS.Row>;
    try {
      next = await rows.next();
    } catch (err) {
      throw new UnreadableFileError('broken', String(err));
    }
    if (next.done) return;
    const row = next.value;
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
    yield values ? { row: row.number, cells, values } : { row: row.number, cells };
  }
}

/**
 * An XLSX by the rules: the sheet named 商品 (商品清单, 选品), else the first with a recognised
 * header, else the first with any cell; never an instructions sheet. A first pass reads only the
 * first rows of each sheet to choose; each pass over the rows streams the chosen sheet again.
 */
async function openXlsx(bytes: Uint8Array, score: HeaderScore, observer: ReadObserver): Promise<TableStream> {
  const heads = new Map<string, TableRow[]>();
  const merges = new Map<string, readonly string[]>();
  const survey = sheetsOf(bytes);
  for await (const sheet of survey.sheets) {
    if (isInstructions(sheet.name)) continue;
    const head = await headOf(observed(sheet.name, sheet.rows(), observer));
    if (head.some((r) => !isBlank(r.cells))) heads.set(sheet.name, head);
    merges.set(sheet.name, sheet.merges); // filled as the pass moves on
  }
  const order = survey.order();
  const at = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const sheets = [...heads.keys()].sort((a, b) => at(a) - at(b));
  if (sheets.length === 0) throw new UnreadableFileError('empty', 'no worksheet with cells');
  const chosen =
    sheets.find((s) => PRODUCT_SHEETS.includes(s.trim())) ??
    sheets.find((s) => findHeader(heads.get(s)!, score) !== null) ??
    sheets[0]!;
  async function* records(): AsyncGenerator<TableRow> {
    for await (const sheet of sheetsOf(bytes, false).sheets) {
      if (sheet.name !== chosen) continue;
      yield* withMerges(observed(chosen, sheet.rows(), observer), merges.get(chosen) ?? []);
      return;
    }
  }
  return streamOf(heads.get(chosen)!, records, 'xlsx', chosen, score);
}

async function* observed(
  sheet: string,
  rows: AsyncGenerator<TableRow>,
  observer: ReadObserver,
): AsyncGenerator<TableRow> {
  for await (const r of rows) {
    observer.rowRead?.(sheet, r.row);
    yield r;
  }
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

/** The first records, up to the tenth non-blank one (where the header is looked for); the pass is closed. */
async function headOf(records: AsyncGenerator<TableRow>): Promise<TableRow[]> {
  const head: TableRow[] = [];
  try {
    for (let nonBlank = 0; nonBlank < HEADER_SEARCH_ROWS;) {
      const next = await records.next();
      if (next.done) break;
      head.push(next.value);
      if (!isBlank(next.value.cells)) nonBlank++;
    }
  } finally {
    await records.return(undefined);
  }
  return head;
}

/**
 * The header found among the first records (see findHeader, likelyHeader), then the data rows on
 * demand. Only the records up to the tenth non-blank one are looked at to find the header.
 */
function streamOf(
  head: readonly TableRow[],
  records: () => AsyncGenerator<TableRow>,
  encoding: Table['encoding'],
  sheet: string | null,
  score: HeaderScore,
): TableStream {
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
    async *rows() {
      const counted = { blank: 0, totals: 0 };
      let i = 0;
      for await (const r of records()) {
        if (i++ <= at) continue;
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
