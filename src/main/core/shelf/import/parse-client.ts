import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { ApiFailure } from '@shared/api/errors';
import {
  createParseSession,
  listingKey,
  nameSpecKey,
  type SessionReply,
  type SessionRequest,
} from './parse-session';

/** Products per lookup page: one page is read, sent and followed by a turn of the event loop. */
const LOOKUP_PAGE = 2000;

/** The import worker's young generation (by V8's default its new space grows to 32 MB on 64-bit). */
const WORKER_YOUNG_MB = 16;

export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Where the worker's code is: next to this file when running from source (tsx, vitest), or the
 * `import-worker.js` entry the build writes into out/main (this code may sit in a chunk below it).
 */
function workerEntry(): { file: string; execArgv?: string[]; env?: NodeJS.ProcessEnv } | undefined {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  if (here.endsWith('.ts')) {
    const root = path.resolve(dir, '../../../../..');
    return {
      file: path.join(dir, 'import-worker.ts'),
      execArgv: ['--import', 'tsx'],
      // Not configuration: the source-tree worker gets this process's environment as it is, plus tsx's config.
      // eslint-disable-next-line no-restricted-properties
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.node.json') },
    };
  }
  for (const d of [dir, path.dirname(dir)]) {
    const file = path.join(d, 'import-worker.js');
    if (fs.existsSync(file)) return { file };
  }
  return undefined;
}

type Envelope = { sid: number; m: SessionRequest };
type Reply = { sid: number; m: SessionReply };

/**
 * One import worker for the whole process, started on first use and kept (it does not keep the
 * process alive): starting a thread that loads the spreadsheet readers costs far more than a
 * preview. Sessions share it by id; if it dies, their waiting calls fail and the next starts anew.
 */
class ImportWorker {
  private static current: ImportWorker | undefined;
  private readonly sessions = new Map<number, (m: SessionReply | Error) => void>();

  static get(): ImportWorker {
    return (ImportWorker.current ??= new ImportWorker());
  }

  private readonly worker: Worker;

  private constructor() {
    const entry = workerEntry();
    if (!entry) throw new Error('import worker entry not found');
    this.worker = new Worker(entry.file, {
      // A small nursery: the worker allocates a row's strings and drops them, and a full-size
      // one (32 MB, kept once grown) is memory the studio does not get back while the worker lives.
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
      ...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
      ...(entry.env ? { env: entry.env } : {}),
    });
    this.worker.unref();
    this.worker.on('message', (r: Reply) => this.sessions.get(r.sid)?.(r.m));
    const die = (err: Error) => {
      if (ImportWorker.current === this) ImportWorker.current = undefined;
      for (const deliver of this.sessions.values()) deliver(err);
      this.sessions.clear();
    };
    this.worker.on('error', die);
    this.worker.on('exit', (code) => die(new Error(`import worker exited (${code})`)));
  }

  open(sid: number, deliver: (m: SessionReply | Error) => void): void {
    this.sessions.set(sid, deliver);
  }

  post(sid: number, m: SessionRequest, transfer: ArrayBuffer[]): void {
    this.worker.postMessage({ sid, m } satisfies Envelope, transfer);
  }

  close(sid: number): void {
    if (this.sessions.delete(sid)) this.worker.postMessage({ sid, m: { t: 'close' } } satisfies Envelope);
  }
}

let nextSession = 1;

/** Starts the import worker ahead of use (a file just arrived: its preview follows); never throws. */
export function warmImportWorker(): void {
  try {
    ImportWorker.get();
  } catch {
    // The preview will fall back to this thread and say so.
  }
}

/**
 * The studio's side of a parse session: on the import worker thread, so reading and checking
 * 100,000 rows never holds the studio's thread; on this thread only if no worker can start
 * (reported through `onFallback`).
 */
export class ParseClient {
  private readonly sid = nextSession++;
  private worker: ImportWorker | undefined;
  private inline: ((m: SessionRequest) => Promise<void>) | undefined;
  private inlineQueue = Promise.resolve();
  private readonly waiting: { resolve(m: SessionReply): void; reject(e: Error): void }[] = [];
  private closed = false;

  constructor(onFallback: (reason: string) => void = () => {}) {
    const deliver = (m: SessionReply | Error) => {
      if (m instanceof Error) this.failAll(m);
      else this.waiting.shift()?.resolve(m);
    };
    try {
      this.worker = ImportWorker.get();
      this.worker.open(this.sid, deliver);
    } catch (err) {
      onFallback(String(err));
      this.inline = createParseSession(deliver);
    }
  }

  /**
   * Sends the shelf's match keys in pages, yielding between them: only the key the import matches
   * on (outer codes, or name + specification), so neither thread builds or keeps the other.
   */
  async sendLookups(
    db: Database.Database,
    matchKey: 'outerSku' | 'nameAndSpec',
    isCancelled: () => boolean = () => false,
  ): Promise<void> {
    const products = db.prepare<
      [number, number],
      { id: number; sku: string | null; name: string; spec: string }
    >(
      matchKey === 'outerSku'
        ? `SELECT id, outer_sku AS sku, '' AS name, '' AS spec FROM product
           WHERE id > ? AND outer_sku IS NOT NULL ORDER BY id LIMIT ?`
        : `SELECT id, NULL AS sku, name_zh AS name, specification AS spec FROM product
           WHERE id > ? ORDER BY id LIMIT ?`,
    );
    const listings = db.prepare<
      [number, number],
      { id: number; platform: string; item: string; pid: number }
    >(
      `SELECT id, platform, item_id AS item, product_id AS pid FROM platform_listing
       WHERE shop_id = '' AND id > ? ORDER BY id LIMIT ?`,
    );
    for (let after = 0, guard = 0; guard < 1_000_000 && !isCancelled(); guard++) {
      const page = products.all(after, LOOKUP_PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      this.post({
        t: 'lookups',
        sku:
          matchKey === 'outerSku'
            ? page.flatMap((p) => (p.sku ? [[p.sku, p.id] as [string, number]] : []))
            : [],
        nameSpec: matchKey === 'nameAndSpec' ? page.map((p) => [nameSpecKey(p.name, p.spec), p.id]) : [],
        listings: [],
      });
      await yieldToLoop();
    }
    for (let after = 0, guard = 0; guard < 1_000_000 && !isCancelled(); guard++) {
      const page = listings.all(after, LOOKUP_PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      this.post({
        t: 'lookups',
        sku: [],
        nameSpec: [],
        listings: page.map((l) => [listingKey(l.platform, l.item), l.pid]),
      });
      await yieldToLoop();
    }
  }

  parse(req: Extract<SessionRequest, { t: 'parse' }>): Promise<Extract<SessionReply, { t: 'parsed' }>> {
    // Bytes given move to the worker (no copy on this thread); an upload it reads itself.
    const bytes = 'bytes' in req ? req.bytes : undefined;
    const transfer = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    return this.request(req, transfer ? [bytes.buffer as ArrayBuffer] : []) as Promise<
      Extract<SessionReply, { t: 'parsed' }>
    >;
  }

  take(max: number): Promise<Extract<SessionReply, { t: 'rows' }>> {
    return this.request({ t: 'take', max }) as Promise<Extract<SessionReply, { t: 'rows' }>>;
  }

  close(): void {
    if (this.closed) return;
    // The worker's session closes by the envelope below; one on this thread by its own message.
    if (this.inline) this.post({ t: 'close' });
    this.closed = true;
    this.failAll(new Error('parse session closed'));
    this.worker?.close(this.sid);
    this.worker = undefined;
    this.inline = undefined;
  }

  private post(m: SessionRequest, transfer: ArrayBuffer[] = []): void {
    if (this.closed) return;
    if (this.worker) this.worker.post(this.sid, m, transfer);
    else if (this.inline) {
      const handle = this.inline;
      this.inlineQueue = this.inlineQueue.then(() => handle(m));
    }
  }

  private async request(m: SessionRequest, transfer: ArrayBuffer[] = []): Promise<SessionReply> {
    if (this.closed) throw new Error('parse session closed');
    const reply = await new Promise<SessionReply>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.post(m, transfer);
    });
    if (reply.t === 'failed' && reply.missing) {
      throw new ApiFailure('not_found', reply.message, { key: 'shelf:importJob.uploadGone' });
    }
    if (reply.t === 'failed') throw new Error(`import worker failed: ${reply.message}`);
    return reply;
  }

  private failAll(err: Error): void {
    for (const w of this.waiting.splice(0)) w.reject(err);
  }
}
