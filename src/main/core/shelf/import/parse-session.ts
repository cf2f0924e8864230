import fs from 'node:fs/promises';
import type { ImportPreview, ListingInput, ProductInput } from '@shared/api/domains/shelf';
import { parseImportFile, type ParsedFile, type ParseRequest } from './parse-file';
import { importPreviewOf } from './parse-import';

/** A valid row, ready to write. */
export interface WriteRow {
  row: number;
  product: ProductInput;
  listings: ListingInput[];
  existingId: number | null;
  /** Fields whose cell was empty: an update keeps the stored value. */
  keep?: (keyof ProductInput)[];
}

/** What the studio's thread sends the parse session. */
export type SessionRequest =
  /** Part of the shelf as it is now, for matching rows to products (sent in pages before `parse`). */
  | { t: 'lookups'; sku: [string, number][]; nameSpec: [string, number][]; listings: [string, number][] }
  /**
   * The file comes as its bytes (a small file sent inline) or as the path of an upload, which the
   * session reads itself: the studio's thread neither reads a 25 MB upload nor holds it.
   */
  | ({ t: 'parse' } & Omit<ParseRequest, 'bytes'> & ({ bytes: Uint8Array } | { path: string }))
  /** The next valid rows to write, at most `max`. */
  | { t: 'take'; max: number }
  /** The session ends: a pass still open is closed (an XLSX pass reads to its end), no reply. */
  | { t: 'close' };

export type SessionReply =
  | { t: 'parsed'; preview: ImportPreview; invalid: number }
  | { t: 'rows'; rows: WriteRow[]; done: boolean }
  /** `missing`: the upload's file was gone when the session went to read it. */
  | { t: 'failed'; message: string; missing?: boolean };

export const nameSpecKey = (nameZh: string, spec: string) => `${nameZh}\u0000${spec}`;
export const listingKey = (platform: string, itemId: string) => `${platform}\u0000${itemId}`;

/**
 * The import's reading side, as a message handler: runs on the import worker thread (or, where a
 * worker cannot start, on the studio's thread). `parse` reads and checks the file in one pass for
 * the preview, holding no rows; `take` then reads it again from the start (the same lookups give
 * the same rows) and hands out the next valid rows, so memory stays that of the file's text and
 * one batch, whatever the row count.
 */
export function createParseSession(reply: (m: SessionReply) => void): (m: SessionRequest) => Promise<void> {
  // Lookups mirror ProductStore.findForImport / listingOwner: first id wins (pages come in id order).
  // They are kept for the writing pass, which checks every row again.
  const bySku = new Map<string, number>();
  const byNameSpec = new Map<string, number>();
  const byListing = new Map<string, number>();
  let parsed: ParsedFile | undefined;
  let pending: AsyncIterator<WriteRow> | undefined;
  let ahead: IteratorResult<WriteRow> | undefined;

  return async (m) => {
    try {
      if (m.t === 'lookups') {
        for (const [k, id] of m.sku) if (!bySku.has(k)) bySku.set(k, id);
        for (const [k, id] of m.nameSpec) if (!byNameSpec.has(k)) byNameSpec.set(k, id);
        for (const [k, id] of m.listings) if (!byListing.has(k)) byListing.set(k, id);
      } else if (m.t === 'parse') {
        const { t: _t, ...rest } = m;
        const { bytes: _b, path: _p, ...req } = rest as typeof rest & { bytes?: unknown; path?: unknown };
        let bytes: Buffer;
        if ('path' in rest) {
          try {
            bytes = await fs.readFile(rest.path);
          } catch (err) {
            if ((err as { code?: string }).code !== 'ENOENT') throw err;
            reply({ t: 'failed', message: `${req.fileName}: the uploaded file is gone`, missing: true });
            return;
          }
        } else bytes = Buffer.from(rest.bytes.buffer, rest.bytes.byteOffset, rest.bytes.byteLength);
        parsed = await parseImportFile(
          { ...req, bytes },
          {
            findProduct: (outerSku, nameZh, spec) =>
              req.matchKey === 'outerSku'
                ? outerSku
                  ? bySku.get(outerSku)
                  : undefined
                : byNameSpec.get(nameSpecKey(nameZh, spec)),
            listingOwner: (platform, itemId) => byListing.get(listingKey(platform, itemId)),
          },
        );
        await pending?.return?.();
        pending = undefined;
        ahead = undefined;
        const preview = await importPreviewOf(parsed);
        reply({ t: 'parsed', preview, invalid: preview.totals.invalid });
      } else if (m.t === 'close') {
        const open = pending;
        pending = undefined;
        parsed = undefined;
        await open?.return?.();
      } else {
        pending ??= writeRows(parsed);
        // One row read ahead: a batch that ends the file says so.
        ahead ??= await pending.next();
        const rows: WriteRow[] = [];
        while (!ahead.done && rows.length < m.max) {
          rows.push(ahead.value);
          ahead = await pending.next();
        }
        const done = ahead.done === true;
        reply({ t: 'rows', rows, done });
      }
    } catch (err) {
      reply({ t: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  };
}

/** The valid rows of a new pass over the file, ready to write. */
async function* writeRows(parsed: ParsedFile | undefined): AsyncGenerator<WriteRow> {
  if (!parsed) return;
  for await (const r of parsed.rows()) {
    if (!r.product || r.issues.length > 0) continue;
    yield {
      row: r.row,
      product: r.product,
      listings: r.listings,
      existingId: r.existingId,
      ...(r.keep ? { keep: r.keep } : {}),
    };
  }
}
