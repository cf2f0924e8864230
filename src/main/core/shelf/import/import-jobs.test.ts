import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportFinished, ImportProgress } from '@shared/api/domains/shelf';
import { shelfHarness, type ShelfHarness } from '../../../../../test-support/shelf/memory-studio';
import { nextSliceRows } from './import-service';
import { beginBulkIndexing, endBulkIndexing, mergeStep } from './search-index-bulk';

/** A generated sheet: `rows` products with Chinese names; codes from `from`. */
export function catalogueCsv(rows: number, from = 1, price = '12.50'): string {
  const lines = ['外部编码,商品名称,规格,直播价,库存,快手商品ID'];
  for (let i = from; i < from + rows; i++) {
    lines.push(`SKU-${i},陇原好物 静宁苹果 第${i}号,${i % 7}kg,${price},${i % 100},${9_000_000 + i}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

const csvInput = (text: string, fileName = 'big.csv') => ({
  fileName,
  contentBase64: Buffer.from(text, 'utf8').toString('base64'),
});

let h: ShelfHarness;
afterEach(() => h?.close());

const count = () => (h.db.prepare('SELECT count(*) AS n FROM product').get() as { n: number }).n;

/** Resolves with the finished event of a job, and records the job's progress events on the way. */
function follow(jobId: string) {
  const progress: ImportProgress[] = [];
  const order: string[] = [];
  const finished = new Promise<ImportFinished>((resolve) => {
    const offP = h.events.on('shelf.importProgress', (p) => {
      if (p.jobId === jobId) progress.push(p);
    });
    const offF = h.events.on('shelf.importFinished', (f) => {
      if (f.jobId !== jobId) return;
      order.push('finished');
      offP();
      offF();
      resolve(f);
    });
  });
  return { progress, order, finished };
}

// The first test also starts the import worker thread: slow on a busy machine, so a wide guard.
describe('import as background work', { timeout: 120_000 }, () => {
  it('answers at once with a job id, reports progress in order and delivers the result as an event', async () => {
    h = shelfHarness();
    const rows = 1_600; // more than three chunks of at most 500 rows
    const { jobId } = await h.call('shelf.importStart', csvInput(catalogueCsv(rows)));
    const job = follow(jobId);
    expect(count()).toBe(0); // the call returned before anything was written
    // A call made while the import runs is answered before the import ends.
    let answeredMidImport: Promise<void> | undefined;
    const off = h.events.on('shelf.importProgress', (p) => {
      if (p.jobId !== jobId || p.phase !== 'writing' || p.rowsWritten === 0 || answeredMidImport) return;
      answeredMidImport = h.call('shelf.search', { query: '静宁' }).then((r) => {
        expect(r.total).toBeGreaterThan(0);
        expect(r.total).toBeLessThan(rows);
        job.order.push('search answered');
      });
    });
    const end = await job.finished;
    off();
    await answeredMidImport;
    expect(job.order).toEqual(['search answered', 'finished']);
    expect(end).toMatchObject({ outcome: 'done', error: null, result: { created: rows, updated: 0 } });
    expect(count()).toBe(rows);

    const phases = job.progress.map((p) => p.phase);
    expect(phases[0]).toBe('reading');
    expect(phases.slice(1).every((p) => p === 'writing')).toBe(true);
    const written = job.progress.filter((p) => p.phase === 'writing').map((p) => p.rowsWritten);
    expect(written.length).toBeGreaterThanOrEqual(4); // "0", then one per chunk
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(written.at(-1)).toBe(rows);
    expect(job.progress.at(-1)).toMatchObject({ rowsRead: rows, rowsTotal: rows });
  });

  it('cancel takes back what was written: nothing stays, no undo entry is left', async () => {
    h = shelfHarness();
    const { jobId } = await h.call('shelf.importStart', csvInput(catalogueCsv(2_000)));
    const job = follow(jobId);
    let cancelledAt = 0;
    const off = h.events.on('shelf.importProgress', (p) => {
      if (p.jobId === jobId && p.phase === 'writing' && p.rowsWritten > 0 && cancelledAt === 0) {
        cancelledAt = p.rowsWritten;
        void h.call('shelf.importCancel', { jobId });
      }
    });
    const end = await job.finished;
    off();
    expect(cancelledAt).toBeGreaterThan(0); // it had written rows when cancelled
    expect(end).toMatchObject({ outcome: 'cancelled', result: null });
    expect(count()).toBe(0);
    expect(h.db.prepare('SELECT count(*) AS n FROM shelf_undo').get()).toEqual({ n: 0 });
    expect(h.db.prepare('SELECT count(*) AS n FROM shelf_undo_part').get()).toEqual({ n: 0 });
  });

  it('re-imports as updates and undoes in chunks, back to the shelf as it was', async () => {
    h = shelfHarness();
    const first = await h.call('shelf.importApply', csvInput(catalogueCsv(1_200)));
    expect(first).toMatchObject({ created: 1_200, updated: 0 });
    // A fifth are updates (new price), the rest new products.
    const mixed = catalogueCsv(1_000, 1_000, '9.90');
    const preview = await h.call('shelf.importPreview', csvInput(mixed));
    expect(preview.totals).toMatchObject({ rows: 1_000, creates: 799, updates: 201 });
    const { jobId } = await h.call('shelf.importStart', csvInput(mixed));
    const end = await follow(jobId).finished;
    expect(end.result).toMatchObject({ created: 799, updated: 201 });
    const price = () =>
      (
        h.db.prepare("SELECT live_price_fen AS p FROM product WHERE outer_sku = 'SKU-1100'").get() as {
          p: number;
        }
      ).p;
    expect(price()).toBe(990);
    expect(count()).toBe(1_999);

    const undo = await h.call('shelf.importUndo', { undoToken: end.result!.undoToken });
    const undoJob = follow(undo.jobId);
    const undone = await undoJob.finished;
    expect(undone).toMatchObject({ kind: 'undo', outcome: 'done' });
    expect(undone.undone!.productIds).toHaveLength(1_000);
    expect(undoJob.progress.every((p) => p.phase === 'undoing')).toBe(true);
    expect(undoJob.progress.at(-1)).toMatchObject({ rowsWritten: 1_000, rowsTotal: 1_000 });
    expect(count()).toBe(1_200);
    expect(price()).toBe(1250);
    // The plain undo call takes a chunked import back too.
    await h.call('shelf.undo', { undoToken: first.undoToken });
    expect(count()).toBe(0);
  });

  it('takes an import back in slices of a few milliseconds, not a whole part per transaction', async () => {
    h = shelfHarness();
    // By this clock writing costs nothing, so the import's chunks, and its undo parts, grow to 500 rows…
    let t = 0;
    let ticking = false;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (ticking ? ++t : t));
    try {
      const first = await h.call('shelf.importApply', csvInput(catalogueCsv(1_200)));
      // …and now every look at it costs a millisecond: taking back 500 rows at once would hold
      // the thread for 500 ms.
      ticking = true;
      const undo = await h.call('shelf.importUndo', { undoToken: first.undoToken });
      const job = follow(undo.jobId);
      const end = await job.finished;
      expect(end).toMatchObject({ kind: 'undo', outcome: 'done' });
      const written = job.progress.map((p) => p.rowsWritten);
      const slices = written.map((w, k) => w - (written[k - 1] ?? 0));
      expect(written.at(-1)).toBe(1_200);
      expect(Math.max(...slices)).toBeLessThanOrEqual(10);
      expect(count()).toBe(0);
      expect(h.db.prepare('SELECT count(*) AS n FROM shelf_undo_part').get()).toEqual({ n: 0 });
    } finally {
      clock.mockRestore();
    }
  });

  it('writes at least 20 rows a chunk when the clock runs fast (a busy machine), not a row or two', async () => {
    h = shelfHarness();
    // Every look at the clock costs a millisecond, as when this thread keeps waiting for a core.
    let t = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => ++t);
    try {
      const { jobId } = await h.call('shelf.importStart', csvInput(catalogueCsv(1_200)));
      const job = follow(jobId);
      const end = await job.finished;
      expect(end).toMatchObject({ outcome: 'done', result: { created: 1_200 } });
      const written = job.progress.filter((p) => p.phase === 'writing').map((p) => p.rowsWritten);
      // Chunks, but for those a batch of the worker's 500 rows ended.
      const chunks = written
        .slice(1)
        .flatMap((w, k) => (w % 500 === 0 || w === 1_200 ? [] : [w - written[k]!]));
      expect(written.at(-1)).toBe(1_200);
      expect(chunks.length).toBeGreaterThan(20);
      expect(Math.min(...chunks)).toBeGreaterThanOrEqual(20);
    } finally {
      clock.mockRestore();
    }
  });

  it('merges the search index itself, in steps, and gives merging back to FTS5 afterwards', async () => {
    h = shelfHarness();
    const ftsConfig = () =>
      Object.fromEntries(
        (
          h.db
            .prepare("SELECT k, v FROM product_fts_config WHERE k IN ('automerge', 'crisismerge')")
            .all() as {
            k: string;
            v: number;
          }[]
        ).map((r) => [r.k, r.v]),
      );
    // While the job runs, the index does not merge by itself (its merges stalled chunk commits).
    const during: Record<string, number>[] = [];
    h.events.on('shelf.importProgress', () => during.push(ftsConfig()));
    const { jobId } = await h.call('shelf.importStart', csvInput(catalogueCsv(1_200)));
    const end = await follow(jobId).finished;
    expect(end).toMatchObject({ outcome: 'done', result: { created: 1_200 } });
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((c) => c.automerge === 0)).toBe(true);
    // Afterwards: FTS5's defaults; the index still answers (merged or not).
    expect(ftsConfig()).toEqual({ automerge: 4, crisismerge: 16 });
    const found = await h.call('shelf.search', { query: '第777号' });
    expect(JSON.stringify(found)).toContain('陇原好物 静宁苹果 第777号');
  });

  it('a row that cannot be written fails the import with file and row, and what was written goes', async () => {
    h = shelfHarness();
    await h.call('shelf.importApply', csvInput(catalogueCsv(1)));
    // Matched on name + specification, the last row is a new product; its code SKU-1 is taken,
    // which only the database finds, after 800 rows were written.
    const lines = catalogueCsv(800, 2).trimEnd().split('\r\n');
    lines.push('SKU-1,全新的名字,1kg,3.00,1,');
    const { jobId } = await h.call('shelf.importStart', {
      ...csvInput(`${lines.join('\r\n')}\r\n`, 'clash.csv'),
      matchKey: 'nameAndSpec',
    });
    const job = follow(jobId);
    const end = await job.finished;
    expect(job.progress.some((p) => p.phase === 'writing' && p.rowsWritten >= 500)).toBe(true);
    expect(end).toMatchObject({
      outcome: 'failed',
      error: {
        code: 'conflict',
        key: 'shelf:importJob.rowFailed',
        params: { file: 'clash.csv', row: 802, outerSku: 'SKU-1' },
      },
    });
    expect(count()).toBe(1);
  });

  it('reads an upload on the import worker: the studio thread never reads the file', async () => {
    h = shelfHarness();
    const upload = h.shelf.uploads.put('up.csv', Buffer.from(catalogueCsv(600), 'utf8'));
    const source = { fileName: 'up.csv', uploadId: upload.id };
    const reads = vi.spyOn(fs, 'readFileSync');
    try {
      const preview = await h.call('shelf.importPreview', source);
      expect(preview.totals).toMatchObject({ rows: 600, creates: 600 });
      expect(await h.call('shelf.importApply', source)).toMatchObject({ created: 600 });
      const uploadReads = reads.mock.calls.filter(([file]) => String(file).endsWith('.upload'));
      expect(uploadReads).toEqual([]);
    } finally {
      reads.mockRestore();
    }
    expect(count()).toBe(600);
  });

  it('an upload whose file went away is refused as gone, and nothing is written', async () => {
    h = shelfHarness();
    const upload = h.shelf.uploads.put('gone.csv', Buffer.from(catalogueCsv(10), 'utf8'));
    fs.rmSync(h.shelf.uploads.pathFor(upload.id));
    const source = { fileName: 'gone.csv', uploadId: upload.id };
    const gone = { error: { code: 'not_found', key: 'shelf:importJob.uploadGone' } };
    await expect(h.call('shelf.importPreview', source)).rejects.toMatchObject(gone);
    await expect(h.call('shelf.importApply', source)).rejects.toMatchObject(gone);
    expect(count()).toBe(0);
  });

  it('refuses an upload id it does not have, and a second import while one runs', async () => {
    h = shelfHarness();
    await expect(
      h.call('shelf.importStart', {
        fileName: 'x.csv',
        uploadId: '00000000-0000-4000-8000-000000000000',
      }),
    ).rejects.toMatchObject({ error: { code: 'not_found', key: 'shelf:importJob.uploadGone' } });
    const { jobId } = await h.call('shelf.importStart', csvInput(catalogueCsv(10)));
    await expect(h.call('shelf.importStart', csvInput(catalogueCsv(10)))).rejects.toMatchObject({
      error: { code: 'conflict', key: 'shelf:importJob.busy' },
    });
    await follow(jobId).finished;
  });
});

describe('chunk sizing', () => {
  it('sizes the next chunk so rows and commit together fit one slice', () => {
    // 500 rows whose chunk, commit included, held the thread 30 ms: a fifth of them next time.
    expect(nextSliceRows(500, 30)).toBe(100);
    // A fast chunk grows by at most half at a time, up to 500 rows.
    expect(nextSliceRows(100, 2)).toBe(150);
    expect(nextSliceRows(400, 1)).toBe(500);
    // A slow commit never cuts a chunk below 20 rows.
    expect(nextSliceRows(20, 400)).toBe(20);
  });
});

describe('search index merge steps', () => {
  it('merge in bounded steps until nothing is left, and then report so', () => {
    const h2 = shelfHarness();
    try {
      const db = h2.db;
      beginBulkIndexing(db);
      const insert = db.prepare(
        `INSERT INTO product (name_zh, list_price_fen, live_price_fen, stock, status, outer_sku, created_at, updated_at)
         VALUES (?, 100, 100, 1, 'ready', ?, 0, 0)`,
      );
      // Forty small transactions: forty segments, none merged by FTS5 itself.
      for (let i = 0; i < 40; i++) db.transaction(() => insert.run(`静宁苹果 第${i}号 花牛`, `M-${i}`))();
      let steps = 0;
      while (mergeStep(db, 4) && steps < 1_000) steps++;
      expect(steps).toBeGreaterThanOrEqual(1);
      expect(mergeStep(db, 4)).toBe(false);
      endBulkIndexing(db);
      expect(
        db.prepare(`SELECT count(*) AS n FROM product_fts WHERE product_fts MATCH '静宁苹果'`).get(),
      ).toEqual({ n: 40 });
    } finally {
      h2.close();
    }
  });
});
