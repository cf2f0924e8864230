import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type {
  ColumnMapping,
  ImportField,
  ImportFinished,
  ImportPreview,
  ImportProgress,
  ImportResult,
  ListingInput,
  ProductInput,
  ProductPatch,
} from '@shared/api/domains/shelf';
import { ApiFailure, type ApiError } from '@shared/api/errors';
import type { ProductSnapshot } from '../product-store';
import type { ShelfContext } from '../shelf-context';
import { listingInputOf } from '../shelf-undo';
import { ParseClient, yieldToLoop } from './parse-client';
import { beginBulkIndexing, endBulkIndexing, mergeStep } from './search-index-bulk';
import type { WriteRow } from './parse-session';
import type { UploadStore } from './upload-store';
import { showOpen } from '../price-guard';
import { formatFen } from '@shared/format/money';

export interface ImportRequest {
  fileName: string;
  contentBase64?: string | undefined;
  uploadId?: string | undefined;
  encoding: 'auto' | 'utf-8' | 'gbk';
  mapping?: ColumnMapping | undefined;
  matchKey: 'outerSku' | 'nameAndSpec';
}

/** The undo kind of an import written in chunks: its parts live in shelf_undo_part. */
export const IMPORT_UNDO_KIND = 'importParts';

/** Work on the studio's thread between two turns of the event loop (well under one 16.7 ms frame). */
const SLICE_MS = 6;
/** …and at most this many rows, so a chunk's undo part stays small on any machine. */
const SLICE_ROWS = 500;
/** Chunks between two steps of merging the search index (see search-index-bulk.ts). */
const CHUNKS_PER_MERGE_STEP = 8;
/** Fewest rows a chunk is cut to (each commit has a fixed cost too). */
const SLICE_MIN_ROWS = 20;

/**
 * Rows for the next chunk: the last one wrote `rows` rows in `spentMs`, its commit included (the
 * commit writes every page the rows dirtied, and is not interruptible, so the row loop's own clock
 * alone let a chunk hold the thread several times SLICE_MS). Aims at SLICE_MS for the whole
 * chunk, growing by at most half at a time.
 */
export function nextSliceRows(rows: number, spentMs: number): number {
  const fit = spentMs > 0 ? Math.floor((rows * SLICE_MS) / spentMs) : SLICE_ROWS;
  return Math.max(SLICE_MIN_ROWS, Math.min(SLICE_ROWS, fit, Math.ceil(rows * 1.5)));
}
/**
 * Rows asked of the worker at once: one batch arrives as one message, which this thread copies in
 * one go (2,000 rows took a frame's worth of time), so batches stay small.
 */
const BATCH = 500;

const PRODUCT_FIELDS: Partial<Record<ImportField, keyof ProductInput>> = {
  outerSku: 'outerSku',
  nameZh: 'nameZh',
  nameEn: 'nameEn',
  nameUg: 'nameUg',
  sellingPoints: 'sellingPoints',
  category: 'category',
  originProvince: 'originProvince',
  originCity: 'originCity',
  originCounty: 'originCounty',
  specification: 'specification',
  unit: 'unit',
  listPrice: 'listPriceFen',
  livePrice: 'livePriceFen',
  stock: 'stock',
  status: 'status',
};

/** One chunk's undo: the products it created, and the ones it updated as they were. */
interface UndoPart {
  created: number[];
  updated: ProductSnapshot[];
}

interface Job {
  id: string;
  kind: 'import' | 'undo';
  cancelled: boolean;
  done: Promise<ImportFinished>;
}

class Cancelled extends Error {}

/**
 * CSV/XLSX import as background work. The file is read and checked on a worker thread
 * (parse-file.ts); valid rows come back in batches and are written on the database's thread in
 * transactions of a few milliseconds each, with a turn of the event loop between them, so the
 * studio keeps serving the show. Each transaction also stores its own undo part. Progress and the
 * result are events; a cancelled or failed import is taken back, part by part.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  /** One import or undo writes at a time: two interleaved would make undo ambiguous. */
  private writing: Job | undefined;
  private chunksSinceMerge = 0;

  constructor(
    private readonly s: ShelfContext,
    private readonly uploads: UploadStore,
    private readonly now: () => number = Date.now,
  ) {}

  private get products() {
    return this.s.products;
  }

  private tx<T>(fn: () => T): T {
    return this.s.db().transaction(fn)();
  }

  /**
   * Runs a job with the search index merged by the job (see search-index-bulk.ts): a bounded step
   * every CHUNKS_PER_MERGE_STEP chunks, in a turn of its own; afterwards FTS5 merges by itself again.
   */
  private async bulkIndexed<T>(run: () => Promise<T>): Promise<T> {
    const db = this.s.db();
    beginBulkIndexing(db);
    try {
      return await run();
    } finally {
      endBulkIndexing(db);
    }
  }

  /** Between two chunks: a turn for the show, and every few chunks a step of merging the search index. */
  private async indexStep(): Promise<void> {
    await yieldToLoop();
    if (++this.chunksSinceMerge < CHUNKS_PER_MERGE_STEP) return;
    this.chunksSinceMerge = 0;
    const db = this.s.db();
    this.chunkTx(() => mergeStep(db));
    await yieldToLoop();
  }

  /**
   * One chunk's transaction, committed without its own fsync (synchronous = NORMAL for this
   * commit only; WAL keeps it atomic). Thousands of small commits each waiting for the disk were
   * most of an import's time. The job's last commit runs at the studio's setting (FULL), which
   * syncs the log with every chunk before it, so a finished import is as durable as any write;
   * writes of other operations between chunks keep FULL throughout.
   */
  private chunkTx<T>(fn: () => T): T {
    const db = this.s.db();
    const before = db.pragma('synchronous', { simple: true }) as number;
    db.pragma('synchronous = NORMAL');
    try {
      return db.transaction(fn)();
    } finally {
      db.pragma(`synchronous = ${before}`);
    }
  }

  /**
   * A chunk's writes, audited: every price it changes is logged (source `import`), and while a show
   * is open a live price the price guard flags fails the import, which takes back what it wrote (an
   * import has no per-row second confirmation: such a price is changed in the product form).
   */
  private pricesChecked<T>(actor: string, fn: () => T): T {
    const { value, changes } = this.s.prices.during('import', actor, fn);
    const risky = changes.filter((c) => c.reasons.length > 0);
    const first = risky[0];
    if (first && showOpen(this.s.db()))
      throw new ApiFailure('conflict', `${risky.length} suspicious price changes while a show is open`, {
        key: 'shelf:priceGuard.importRefused',
        params: {
          count: risky.length,
          name: first.productName,
          old: formatFen(first.oldFen ?? 0),
          new: formatFen(first.newFen ?? 0),
          reason: first.reasons.join(','),
          why: first.reasons[0]!,
        },
      });
    return value;
  }

  /** Reads and checks the file (nothing written). */
  async preview(req: ImportRequest): Promise<ImportPreview> {
    const client = this.client();
    try {
      await client.sendLookups(this.s.db(), req.matchKey);
      const parsed = await client.parse({ t: 'parse', ...this.parseInput(req) });
      return parsed.preview;
    } finally {
      client.close();
    }
  }

  /** Starts an import; the outcome comes as `shelf.importFinished` with this job id. */
  start(
    req: ImportRequest & { validOnly: boolean },
    /** Who imports, for the price audit log. */
    actor = 'operator',
  ): { jobId: string; done: Promise<ImportFinished> } {
    const input = this.parseInput(req); // a missing upload fails the call itself
    const job = this.claim('import');
    job.done = this.finish(job, () => this.runImport(job, req, input, actor));
    return { jobId: job.id, done: job.done };
  }

  /** Takes an import back in chunks; the outcome comes as `shelf.importFinished`. */
  startUndo(undoToken: string): { jobId: string; done: Promise<ImportFinished> } {
    const entry = this.s.undo.peek(undoToken);
    if (entry.kind !== IMPORT_UNDO_KIND) {
      throw new ApiFailure('conflict', `${undoToken} is not an import`, { key: 'shelf:errors.undoGone' });
    }
    const job = this.claim('undo');
    job.done = this.finish(job, async () => {
      const productIds = await this.undoParts(job, undoToken);
      return { result: null, undone: { productIds } };
    });
    return { jobId: job.id, done: job.done };
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.kind !== 'import' || job.cancelled) return false;
    job.cancelled = true;
    return true;
  }

  /** Whether an undo token is a chunked import (shelf.undo hands those to `startUndo`). */
  isChunkedImport(undoToken: string): boolean {
    try {
      return this.s.undo.peek(undoToken).kind === IMPORT_UNDO_KIND;
    } catch {
      return false;
    }
  }

  private claim(kind: Job['kind']): Job {
    if (this.writing) {
      throw new ApiFailure('conflict', 'another import is still running', { key: 'shelf:importJob.busy' });
    }
    const job: Job = { id: randomUUID(), kind, cancelled: false, done: Promise.resolve(null as never) };
    this.writing = job;
    this.jobs.set(job.id, job);
    return job;
  }

  private async finish(
    job: Job,
    run: () => Promise<Pick<ImportFinished, 'result' | 'undone'>>,
  ): Promise<ImportFinished> {
    // The call that started the job answers first; the work begins on a later turn.
    await yieldToLoop();
    let end: ImportFinished;
    try {
      const out = await this.bulkIndexed(run);
      end = { jobId: job.id, kind: job.kind, outcome: 'done', error: null, ...out };
    } catch (err) {
      const cancelled = err instanceof Cancelled;
      end = {
        jobId: job.id,
        kind: job.kind,
        outcome: cancelled ? 'cancelled' : 'failed',
        result: null,
        undone: null,
        error: cancelled ? null : apiErrorOf(err),
      };
      if (!cancelled && !(err instanceof ApiFailure)) {
        this.s.studio.logs.logger('shelf').error('import failed', { err });
      }
    } finally {
      this.writing = undefined;
      this.jobs.delete(job.id);
    }
    this.s.studio.events.emit('shelf.importFinished', end);
    return end;
  }

  private progress(p: Omit<ImportProgress, 'jobId' | 'kind'>, job: Job): void {
    this.s.studio.events.emit('shelf.importProgress', { jobId: job.id, kind: job.kind, ...p });
  }

  /**
   * What the parse session reads: an upload by its path (the worker reads the file: a 25 MB upload
   * read here held the studio's thread, and its bytes, at every preview and import), or bytes sent
   * inline. A missing upload fails here, in the call itself.
   */
  private parseInput(req: ImportRequest) {
    const choices = {
      fileName: req.fileName,
      encoding: req.encoding,
      mapping: req.mapping,
      matchKey: req.matchKey,
    };
    if (req.uploadId !== undefined) return { ...choices, path: this.uploads.pathFor(req.uploadId) };
    if (req.contentBase64 !== undefined) {
      const bytes = Buffer.from(req.contentBase64, 'base64');
      return { ...choices, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    }
    throw new ApiFailure('bad_request', 'give contentBase64 or uploadId', {
      key: 'shelf:importJob.noFile',
    });
  }

  private client(): ParseClient {
    return new ParseClient((reason) =>
      this.s.studio.logs.logger('shelf').warn('import worker unavailable; reading on the main thread', {
        reason,
      }),
    );
  }

  private async runImport(
    job: Job,
    req: ImportRequest & { validOnly: boolean },
    input: ReturnType<ImportJobs['parseInput']>,
    actor: string,
  ): Promise<Pick<ImportFinished, 'result' | 'undone'>> {
    const check = () => {
      if (job.cancelled) throw new Cancelled();
    };
    const client = this.client();
    let token: string | undefined;
    try {
      this.progress({ phase: 'reading', rowsRead: 0, rowsWritten: 0, rowsTotal: 0 }, job);
      await client.sendLookups(this.s.db(), req.matchKey, () => job.cancelled);
      check();
      const { preview, invalid } = await client.parse({ t: 'parse', ...input });
      check();
      const first = preview.fileIssues[0];
      if (first) {
        throw new ApiFailure('conflict', `${req.fileName} cannot be imported`, {
          key: first.key,
          params: { ...first.params, file: req.fileName },
        });
      }
      if (invalid > 0 && !req.validOnly) {
        throw new ApiFailure(
          'conflict',
          `${invalid} rows of ${req.fileName} have errors; nothing was imported`,
          { key: 'shelf:import.errors.invalidRows', params: { count: invalid, file: req.fileName } },
        );
      }
      const rowsRead = preview.totals.rows;
      const rowsTotal = preview.totals.valid;
      this.progress({ phase: 'writing', rowsRead, rowsWritten: 0, rowsTotal }, job);
      const result = { created: 0, updated: 0, skipped: invalid, productIds: [] as number[] };
      let seq = 0;
      let sliceRows = SLICE_ROWS;
      const ask = () => {
        const p = client.take(BATCH);
        p.catch(() => {}); // awaited below; a job that stops first must not leave it unhandled
        return p;
      };
      let asked = ask();
      for (let more = true, guard = 0; more && guard < 1_000_000; guard++) {
        const batch = await asked;
        more = !batch.done;
        // The worker reads and checks the next batch while this one is written.
        if (more) asked = ask();
        let i = 0;
        while (i < batch.rows.length) {
          check();
          const ids: number[] = [];
          // The undo entry is made inside the first chunk's transaction: it exists only once that
          // chunk committed (a first chunk that fails leaves no token pointing at nothing).
          let chunkToken = token;
          const started = performance.now();
          const from = i;
          this.chunkTx(() =>
            this.pricesChecked(actor, () => {
              chunkToken ??= this.s.undo.record(IMPORT_UNDO_KIND, { parts: 0 });
              const part: UndoPart = { created: [], updated: [] };
              const t0 = performance.now();
              // At least SLICE_MIN_ROWS rows whatever the clock says: on a busy machine the clock
              // runs on while this thread waits for a core, and cutting the chunk there made chunks
              // of a row or two, each paying a commit (and a search-index segment to merge).
              let n = 0;
              do {
                const row = batch.rows[i]!;
                const id = this.writeRow(row, preview.mapping, part, req.fileName);
                if (row.existingId === null) result.created++;
                else result.updated++;
                ids.push(id);
                i++;
                n++;
              } while (
                i < batch.rows.length &&
                n < sliceRows &&
                (n < SLICE_MIN_ROWS || performance.now() - t0 < SLICE_MS)
              );
              this.s.undo.addPart(chunkToken, seq, part);
            }),
          );
          sliceRows = nextSliceRows(i - from, performance.now() - started);
          token = chunkToken;
          seq++;
          for (const id of ids) result.productIds.push(id);
          this.progress(
            { phase: 'writing', rowsRead, rowsWritten: result.created + result.updated, rowsTotal },
            job,
          );
          await this.indexStep();
        }
      }
      check();
      const undoToken = token ?? this.tx(() => this.s.undo.record(IMPORT_UNDO_KIND, { parts: 0 }));
      // At the studio's own durability: this commit syncs the whole import to disk.
      this.tx(() =>
        this.s.undo.rewrite(undoToken, { parts: seq, created: result.created, updated: result.updated }),
      );
      // Announced once, at the end: listeners re-read the shelf on each announcement (the live
      // ledger reads every product's origin), so one per chunk would cost them a scan per chunk.
      this.s.shelf.announceChanged(result.productIds);
      return { result: { ...result, undoToken } satisfies ImportResult, undone: null };
    } catch (err) {
      // Nothing of a cancelled or failed import stays: take back the parts already committed.
      if (token) await this.undoParts(job, token);
      throw err;
    } finally {
      client.close();
    }
  }

  /** Writes one row inside the caller's transaction; returns the product's id. */
  private writeRow(row: WriteRow, mapping: ColumnMapping, part: UndoPart, fileName: string): number {
    try {
      if (row.existingId === null) {
        const id = this.products.create(row.product, row.listings, this.now());
        part.created.push(id);
        return id;
      }
      const before = this.products.snapshot(row.existingId);
      if (!before) {
        throw new ApiFailure('conflict', `product ${row.existingId} was deleted during the import`, {
          key: 'shelf:importJob.productGone',
          params: {},
        });
      }
      part.updated.push(before);
      this.products.update(
        row.existingId,
        patchOf(row.product, mapping, row.keep),
        mergeListings(before.listings.map(listingInputOf), row, mapping),
        this.now(),
      );
      return row.existingId;
    } catch (err) {
      if (err instanceof ApiFailure) {
        // Say where: the file and the row as the operator sees it, and why (the store's reason).
        throw new ApiFailure(err.code, `${fileName} row ${row.row}: ${err.message}`, {
          key: 'shelf:importJob.rowFailed',
          params: { ...(err.extra.params ?? {}), file: fileName, row: row.row, reason: err.message },
        });
      }
      throw err;
    }
  }

  /**
   * Applies an import's undo parts, newest first, each in slices sized like the import's chunks
   * (a part holds up to SLICE_ROWS products, and taking one back can cost more than writing it:
   * deletes unindex every trigram); then drops the entry. A part leaves the log with its last
   * slice; the slices before it are safe to apply again (a product deleted already is skipped,
   * a snapshot restored again is the same row), so an undo stopped midway can simply be rerun.
   */
  private async undoParts(job: Job, token: string): Promise<number[]> {
    const counts = this.s.undo.peek(token).payload as { created?: number; updated?: number };
    const total = (counts.created ?? 0) + (counts.updated ?? 0);
    const productIds: number[] = [];
    let sliceRows = SLICE_ROWS;
    // Newest part first; each found by the key as the one before (a part is dropped once applied).
    for (
      let seq = this.s.undo.partBefore(token), guard = 0;
      seq !== undefined && guard < 10_000_000;
      seq = this.s.undo.partBefore(token, seq), guard++
    ) {
      const part = this.s.undo.part(token, seq) as UndoPart | undefined;
      if (!part) continue;
      // Reading a part (hundreds of snapshots) is a slice of its own.
      await yieldToLoop();
      const steps: (() => number)[] = [
        ...part.created.map((id) => () => {
          if (this.products.row(id)) this.products.delete(id);
          return id;
        }),
        ...part.updated.map((snap) => () => {
          this.products.restoreRow(snap.product);
          this.products.replaceListings(snap.product.id, snap.listings.map(listingInputOf));
          return snap.product.id;
        }),
      ];
      let i = 0;
      for (let guard = 0; guard <= steps.length; guard++) {
        const from = i;
        const started = performance.now();
        this.chunkTx(() => {
          const slow = () => performance.now() - started >= SLICE_MS;
          for (let n = 0; i < steps.length && (n === 0 || (n < sliceRows && !slow())); n++)
            productIds.push(steps[i++]!());
          if (i >= steps.length) this.s.undo.dropPart(token, seq);
        });
        sliceRows = nextSliceRows(i - from, performance.now() - started);
        this.progress(
          { phase: 'undoing', rowsRead: 0, rowsWritten: productIds.length, rowsTotal: total },
          job,
        );
        await this.indexStep();
        if (i >= steps.length) break;
      }
    }
    this.tx(() => this.s.undo.drop(token));
    this.s.shelf.announceChanged(productIds);
    return productIds;
  }
}

/** The error a job that did not end well reports, as a failure to throw from a waiting call. */
export function failureOf(end: ImportFinished): ApiFailure {
  const error = end.error ?? {
    code: 'conflict' as const,
    message: 'the import was cancelled',
    key: 'shelf:importJob.cancelled',
  };
  return new ApiFailure(error.code, error.message, {
    ...(error.key ? { key: error.key } : {}),
    ...(error.params ? { params: error.params } : {}),
  });
}

function apiErrorOf(err: unknown): ApiError {
  if (err instanceof ApiFailure) {
    return {
      code: err.code,
      message: err.message,
      ...(err.extra.key ? { key: err.extra.key } : {}),
      ...(err.extra.params ? { params: err.extra.params } : {}),
    };
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/** Only the mapped columns change an existing product: a file without a stock column keeps stock. */
function patchOf(
  product: ProductInput,
  mapping: ColumnMapping,
  keep: readonly (keyof ProductInput)[] = [],
): ProductPatch {
  const patch: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(PRODUCT_FIELDS) as [ImportField, keyof ProductInput][]) {
    if (mapping[field] !== undefined && !keep.includes(key)) patch[key] = product[key];
  }
  return patch as ProductPatch;
}

/**
 * The listings an updated product ends up with. The file carries one listing per platform (the
 * first, as the export writes it): that one is replaced by the row's, keeping its shop id, label
 * and outer SKU when the item id is unchanged; other listings, and platforms the file has no
 * columns for, stay as they were.
 */
function mergeListings(existing: ListingInput[], r: WriteRow, mapping: ColumnMapping): ListingInput[] {
  const inFile = (platform: string) => mapping[`${platform as 'jd'}ItemId`] !== undefined;
  const platforms = [...new Set([...existing.map((l) => l.platform), ...r.listings.map((l) => l.platform)])];
  return platforms.flatMap((platform) => {
    const mine = existing.filter((l) => l.platform === platform);
    if (!inFile(platform)) return mine;
    const [first, ...rest] = mine;
    const row = r.listings.find((l) => l.platform === platform);
    if (!row) return rest;
    const kept =
      first && first.itemId === row.itemId
        ? {
            ...row,
            shopId: first.shopId,
            platformLabel: first.platformLabel,
            outerSku: first.outerSku,
          }
        : row;
    return [kept, ...rest];
  });
}
