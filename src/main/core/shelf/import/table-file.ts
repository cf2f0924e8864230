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
      `\uFEFF${Papa.unparse([header as string[], ...(rows as string[][])], { newline: '\r\n' })}\r\n`,
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
