import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { decodeText, type TextEncoding } from './decode-text';

export interface Table {
  encoding: TextEncoding | 'xlsx';
  headers: string[];
  /** Data rows with their row number as the operator sees it (the header row is 1). */
  rows: { row: number; cells: string[] }[];
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

/** Reads a CSV (any of our encodings) or the first sheet of an XLSX into header + rows of text. */
export async function readTable(
  fileName: string,
  bytes: Uint8Array,
  encoding: 'auto' | 'utf-8' | 'gbk',
): Promise<Table> {
  if (isXlsx(fileName)) return readXlsx(bytes);
  if (!/\.(csv|txt|tsv)$/i.test(fileName))
    throw new UnreadableFileError('format', `not CSV or XLSX: ${fileName}`);
  const { text, encoding: used } = decodeText(bytes, encoding);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter: '' });
  const records = parsed.data.map((r, i) => ({ row: i + 1, cells: r.map((c) => c ?? '') }));
  return toTable(records, used);
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (err) {
    throw new UnreadableFileError('broken', String(err));
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new UnreadableFileError('empty', 'no worksheet');
  const records: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)));
    records.push({ row: rowNumber, cells });
  });
  return toTable(records, 'xlsx');
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  // An id typed into Excel as a number past 2^53 has already lost digits: show it as Excel does
  // (9.00719925474099e+18) so validation refuses it instead of importing a wrong id.
  if (typeof v === 'number')
    return Number.isInteger(v) && !Number.isSafeInteger(v) ? v.toExponential() : String(v);
  if (typeof v === 'string') return v;
  return cell.text ?? '';
}

function toTable(records: { row: number; cells: string[] }[], encoding: Table['encoding']): Table {
  const nonEmpty = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...rows] = nonEmpty;
  if (!header) throw new UnreadableFileError('empty', 'no header row');
  return { encoding, headers: header.cells.map((h) => h.trim()), rows };
}
