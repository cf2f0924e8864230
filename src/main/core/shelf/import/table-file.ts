import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { FileFormat } from '@shared/api/domains/shelf';

export interface FileDownload {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

const MIME: Record<FileFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Cells a spreadsheet would run as a formula (or that start with our escape mark itself). */
const RISKY_START = /^[=+\-@\t\r']/;

/** Undoes `escapeCsvCell`: one leading `'` before `=`, `+`, `-`, `@`, tab, CR or `'` goes. */
export const unescapeCsvCell = (text: string): string =>
  text.length > 1 && text[0] === "'" && RISKY_START.test(text.slice(1)) ? text.slice(1) : text;

/**
 * A CSV cell that no spreadsheet will execute: text starting with `=`, `+`, `-`, `@`, tab or CR
 * gets a leading `'` (as Excel itself marks text); so does text the importer would otherwise
 * unescape (`'=…`, `''…`), so `unescapeCsvCell` restores every original exactly.
 */
export const escapeCsvCell = (text: string): string =>
  RISKY_START.test(text) && (text[0] !== "'" || unescapeCsvCell(text) !== text) ? `'${text}` : text;

/**
 * A header and rows of text as a CSV (UTF-8 with BOM, which Excel in China opens correctly) or an
 * XLSX whose cells are all text, so long platform ids never turn into 9.00719E+18.
 */
export async function writeTable(
  baseName: string,
  format: FileFormat,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): Promise<FileDownload> {
  let bytes: Buffer;
  if (format === 'csv') {
    bytes = Buffer.from(
      `\uFEFF${Papa.unparse(
        [[...header], ...rows.map((r) => [...r])].map((r) => r.map(escapeCsvCell)),
        { newline: '\r\n', escapeFormulae: false },
      )}\r\n`,
      'utf8',
    );
  } else {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet(baseName.slice(0, 31));
    sheet.addRow([...header]);
    for (const r of rows) sheet.addRow([...r]);
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((c) => {
      c.numFmt = '@';
      c.width = 16;
    });
    bytes = Buffer.from(await wb.xlsx.writeBuffer());
  }
  return {
    fileName: `${baseName}.${format}`,
    mimeType: MIME[format],
    contentBase64: bytes.toString('base64'),
  };
}
