import type { ColumnMapping, ImportIssue } from '@shared/api/domains/shelf';
import { recogniseColumns } from './columns';
import { readTable, UnreadableFileError, type Table } from './read-table';
import { missingColumns, validateRows, type ParsedRow, type RowLookups } from './validate-rows';

export interface ParseRequest {
  fileName: string;
  bytes: Buffer;
  encoding: 'auto' | 'utf-8' | 'gbk';
  mapping?: ColumnMapping | undefined;
  matchKey: 'outerSku' | 'nameAndSpec';
}

export interface ParsedFile {
  encoding: string;
  headers: string[];
  mapping: ColumnMapping;
  /** Problems with the file as a whole (unreadable, required columns missing). */
  fileIssues: ImportIssue[];
  rows: ParsedRow[];
}

/**
 * The one place the import pipeline reads and checks a file: bytes + name + optional mapping →
 * rows with their problems. It runs on the import worker thread; everything around it (upload,
 * lookups, chunked writing, progress, undo) only sees this function.
 */
export async function parseImportFile(req: ParseRequest, lookups: RowLookups): Promise<ParsedFile> {
  let table: Table;
  try {
    table = await readTable(req.fileName, req.bytes, req.encoding);
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    const issue: ImportIssue = {
      file: req.fileName,
      row: 0,
      column: '',
      field: null,
      key: `shelf:import.issue.file_${err.reason}`,
      params: {},
    };
    return { encoding: '', headers: [], mapping: {}, fileIssues: [issue], rows: [] };
  }
  const mapping = req.mapping ?? recogniseColumns(table.headers);
  const base = { encoding: table.encoding, headers: table.headers, mapping };
  const fileIssues = missingColumns(req.fileName, mapping);
  if (fileIssues.length > 0) return { ...base, fileIssues, rows: [] };
  const rows = validateRows(req.fileName, table, mapping, req.matchKey, lookups);
  return { ...base, fileIssues, rows };
}
