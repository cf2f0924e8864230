import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * How often the checkpoint thread copies the WAL back into the database file. Often, so each
 * checkpoint has little to sync: its fsync holds up the studio's own writes to the WAL while the
 * file system commits (ext4 measured with bench:import: a checkpoint a second made a 100-150 ms
 * stall of the event loop each second of an import, one every 250 ms 30-64 ms, one every 100 ms
 * none over 43 ms). A checkpoint with nothing to copy costs next to nothing.
 */
export const CHECKPOINT_EVERY_MS = 100;

/** SQLite's own default: what the studio's connection goes back to when the thread is gone. */
const AUTO_CHECKPOINT_PAGES = 1_000;

export interface CheckpointResult {
  /** Frames in the WAL, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

export interface WalCheckpointerOptions {
  everyMs?: number;
  /** A checkpoint failed (a full disk among others): the next one tries again. */
  onError?: (err: Error) => void;
  /** The thread is gone: the studio's connection checkpoints on its own again. */
  onStopped?: (reason: string) => void;
}

/**
 * The checkpoint thread: its own connection to the database file, a PASSIVE checkpoint per
 * message (never waits for readers or the writer), one answer each.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    parentPort.postMessage({ ok: true, log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ ok: false, error: String(err && err.message || err) });
  }
});
`;

type Reply = { ok: true; log: number; checkpointed: number } | { ok: false; error: string };

/**
 * Moves WAL checkpoints off the studio's thread. SQLite checkpoints inside the COMMIT that takes
 * the WAL past 1,000 pages: that commit then copies some 4 MB back into the database file and
 * syncs it, on the event loop, while orders flow (bench:soak's profile: BEGIN/COMMIT were half the
 * ledger's commit time, and its slowest commits were these). Here the studio's connection never
 * checkpoints (`wal_autocheckpoint = 0`); a worker thread with its own connection runs a PASSIVE
 * checkpoint every second, which copies what no reader still needs without blocking the writer,
 * and the WAL starts over once all of it is in. If the thread cannot start or dies, the
 * connection checkpoints by itself again, as SQLite does by default: nothing depends on the thread.
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private inFlight: ((r: Reply) => void) | undefined;
  private stopping = false;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly options: WalCheckpointerOptions = {},
  ) {}

  /** Starts the thread and turns the connection's own checkpoints off; false (and nothing changed) if it cannot. */
  start(): boolean {
    if (this.worker || this.file === ':memory:') return false;
    let worker: Worker;
    try {
      const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sqlite, file: this.file } });
    } catch (err) {
      this.options.onStopped?.(String(err));
      return false;
    }
    worker.unref();
    worker.on('message', (r: Reply) => {
      const deliver = this.inFlight;
      this.inFlight = undefined;
      if (!r.ok) this.options.onError?.(new Error(r.error));
      deliver?.(r);
    });
    worker.on('error', (err) => this.gone(worker, String(err)));
    worker.on('exit', (code) => this.gone(worker, `exited (${code})`));
    this.worker = worker;
    this.db.pragma('wal_autocheckpoint = 0');
    this.timer = setInterval(() => void this.checkpoint(), this.options.everyMs ?? CHECKPOINT_EVERY_MS);
    this.timer.unref();
    return true;
  }

  /** True while the thread does the checkpoints. */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** One checkpoint now (or the one under way); undefined when the thread is not running. */
  checkpoint(): Promise<CheckpointResult | undefined> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(undefined);
    if (this.inFlight) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.inFlight = (r) => resolve(r.ok ? { log: r.log, checkpointed: r.checkpointed } : undefined);
      worker.postMessage('check');
    });
  }

  /** Stops the thread (its connection closed) and gives checkpoints back to the studio's connection. */
  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    this.halt();
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('close');
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref());
    await Promise.race([exited, timeout]);
    await worker.terminate();
  }

  private gone(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.halt();
    if (!this.stopping) this.options.onStopped?.(reason);
  }

  private halt(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.worker = undefined;
    this.inFlight?.({ ok: false, error: 'checkpoint thread stopped' });
    this.inFlight = undefined;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  }
}
