import type { ColumnMapping } from '@shared/api/domains/shelf';
import { parseImportFile as parseByRules, type ParsedImport } from './parse-import';
import type { RowLookups } from './validate-rows';

export interface ParseRequest {
  fileName: string;
  bytes: Buffer;
  encoding: 'auto' | 'utf-8' | 'gbk';
  mapping?: ColumnMapping | undefined;
  matchKey: 'outerSku' | 'nameAndSpec';
}

export type ParsedFile = ParsedImport;

/**
 * The one place the import pipeline reads and checks a file: bytes + name + optional mapping →
 * rows with their errors and warnings, by the rules in parse-import.ts, read and checked as they
 * are asked for. It runs on the import worker thread; everything around it (upload, lookups,
 * chunked writing, progress, undo) only sees this function.
 */
export function parseImportFile(req: ParseRequest, lookups: RowLookups): Promise<ParsedFile> {
  return parseByRules(
    {
      fileName: req.fileName,
      bytes: req.bytes,
      encoding: req.encoding,
      mapping: req.mapping,
      matchKey: req.matchKey,
    },
    lookups,
  );
}
