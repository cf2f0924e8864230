import type { ColumnMapping, ImportIssue, ImportIssueCount, ImportPreview } from '@shared/api/domains/shelf';
import { recogniseColumns } from './columns';
import { openTable, UnreadableFileError, type TableStream } from './read-table';
import { missingColumns, rowValidator, type ParsedRow, type RowLookups } from './validate-rows';

/** What the parse step needs: the file's bytes and name, and the operator's choices. */
export interface ImportFileInput {
  fileName: string;
  bytes: Uint8Array;
  encoding?: 'auto' | 'utf-8' | 'gbk' | undefined;
  /** Omitted: recognise the headers. */
  mapping?: ColumnMapping | undefined;
  matchKey?: 'outerSku' | 'nameAndSpec' | undefined;
}

/** A file opened and checked against the rules (docs/catalog-import.md); nothing written. */
export interface ParsedImport {
  fileName: string;
  /** null when the file could not be read at all (see fileIssues). */
  table: TableStream | null;
  mapping: ColumnMapping;
  /** Problems with the whole file: unreadable, empty, no data rows, a required column missing. */
  fileIssues: ImportIssue[];
  /**
   * Every data row with its errors, warnings and the product it would create or update, checked
   * as it is read: each call is a new pass from the first row (none when there are fileIssues), and
   * every pass gives the same rows, so a 100,000-row file is never held as checked rows. A pass
   * left before its end must be closed (`return()`, as `for await … break` does).
   */
  rows(): AsyncGenerator<ParsedRow>;
}

const RULES = 'shelf:importRules.issue.';
const noRows = async function* (): AsyncGenerator<ParsedRow> {};

/**
 * THE parse + validate step: bytes + file name + optional mapping → every row with its errors and
 * warnings, and the header found. Pure apart from `lookups` (which products exist already), which
 * must not change while the rows are read.
 */
export async function parseImportFile(input: ImportFileInput, lookups: RowLookups): Promise<ParsedImport> {
  const { fileName } = input;
  const matchKey = input.matchKey ?? 'outerSku';
  const fileIssue = (key: string, params: ImportIssue['params'] = {}): ImportIssue => ({
    file: fileName,
    row: 0,
    column: '',
    field: null,
    key,
    params: { file: fileName, ...params },
  });
  let table: TableStream;
  try {
    table = await openTable(fileName, input.bytes, input.encoding ?? 'auto');
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    const key = err.reason === 'empty' ? `${RULES}empty_file` : `shelf:import.issue.file_${err.reason}`;
    return { fileName, table: null, mapping: {}, fileIssues: [fileIssue(key)], rows: noRows };
  }
  const mapping = input.mapping ?? recogniseColumns(table.headers);
  const fileIssues = missingColumns(fileName, mapping, matchKey);
  const peek = table.rows();
  const noData = (await peek.next()).done === true;
  await peek.return(undefined);
  if (noData) fileIssues.push(fileIssue(`${RULES}no_data_rows`, { row: table.headerRow }));
  if (fileIssues.length > 0) {
    // One pass still counts the blank and totals rows the preview reports.
    for await (const _ of table.rows());
    return { fileName, table, mapping, fileIssues, rows: noRows };
  }
  const opened = table;
  async function* rows(): AsyncGenerator<ParsedRow> {
    const check = rowValidator(fileName, opened, mapping, matchKey, lookups);
    for await (const r of opened.rows()) yield check(r);
  }
  return { fileName, table, mapping, fileIssues, rows };
}

/** How many rows a preview carries besides every row with an error or a warning (up to a cap). */
export const PREVIEW_ROWS = 200;
export const PREVIEW_PROBLEM_ROWS = 10_000;

/**
 * The preview of a parsed file, in one pass over its rows: header info, totals, every error and
 * warning counted by reason and column, and the rows to show (the first ones, then every row with
 * a problem up to a cap).
 */
export async function importPreviewOf(parsed: ParsedImport): Promise<ImportPreview> {
  const { table } = parsed;
  const counts = new Map<string, ImportIssueCount>();
  const count = (severity: ImportIssueCount['severity'], i: ImportIssue) => {
    const id = `${severity}\u0000${i.key}\u0000${i.column}`;
    const c = counts.get(id);
    if (c) c.count++;
    else counts.set(id, { severity, key: i.key, column: i.column, count: 1 });
  };
  const shown: ImportPreview['rows'] = [];
  let total = 0;
  let problems = 0;
  let valid = 0;
  let warned = 0;
  let creates = 0;
  for await (const r of parsed.rows()) {
    const problem = r.issues.length > 0 || r.warnings.length > 0;
    // The first PREVIEW_ROWS rows, and the first PREVIEW_PROBLEM_ROWS rows with a problem.
    const listedProblem = problem && problems++ < PREVIEW_PROBLEM_ROWS;
    if (total++ < PREVIEW_ROWS || listedProblem)
      shown.push({
        row: r.row,
        cells: r.cells,
        action: r.issues.length > 0 ? 'skip' : r.existingId === null ? 'create' : 'update',
        issues: r.issues,
        warnings: r.warnings,
      });
    r.issues.forEach((i) => count('error', i));
    r.warnings.forEach((i) => count('warning', i));
    if (r.issues.length > 0) continue;
    valid++;
    if (r.warnings.length > 0) warned++;
    if (r.existingId === null) creates++;
  }
  return {
    fileName: parsed.fileName,
    encoding: table?.encoding ?? '',
    sheet: table?.sheet ?? null,
    headerRow: table?.headerRow ?? 0,
    skipped: table ? { ...table.skipped } : { blank: 0, totals: 0, title: 0 },
    headers: table?.headers ?? [],
    mapping: parsed.mapping,
    fileIssues: parsed.fileIssues,
    rows: shown,
    issueCounts: [...counts.values()],
    totals: {
      rows: total,
      valid,
      invalid: total - valid,
      warned,
      creates,
      updates: valid - creates,
    },
  };
}
