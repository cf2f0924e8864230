import fs from 'node:fs';
import type { ServiceStatus } from '@shared/api/domains/system';
import type { Logger } from '../logging/log-hub';
import type { StatusBoard } from '../services/service';

/** SQLite's "database or disk is full" (a full disk, or the database at `max_page_count`), or the OS's ENOSPC. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/** Free bytes for the studio on the file system holding `dir`; null when unknown (in memory, or statfs fails). */
export function freeBytesOf(dir: string | null): number | null {
  if (!dir) return null;
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

export interface DiskGuardOptions {
  /** The data folder (its file system's free space goes in the status); null in memory. */
  dir: string | null;
  status: StatusBoard;
  log: Logger;
  /** While the disk is full: how often free space is re-read and waiting writes are tried again. */
  recheckMs?: number;
  /** Below this many free bytes nobody tries to write again yet. */
  minFreeBytes?: number;
  /** Free bytes now (tests pass their own; default statfs of `dir`). */
  freeBytes?: () => number | null;
}

export const DISK_RECHECK_MS = 5_000;
const MIN_FREE_BYTES = 1024 * 1024;

const megabytes = (bytes: number | null): number | string =>
  bytes === null ? '?' : Math.floor((bytes / (1024 * 1024)) * 10) / 10;

/**
 * The disk state of the studio's writers. A write that fails for a full disk is reported here
 * instead of thrown out of a timer: the database pill says "disk full: N MB free", writers that
 * must retry wait for {@link whenSpace} (or register a retry), and the first write that succeeds
 * again ends the state. Nothing here throws.
 */
export class DiskGuard {
  private isFull = false;
  private prevStatus: ServiceStatus | undefined;
  private timer: NodeJS.Timeout | undefined;
  private waiters: (() => void)[] = [];
  private readonly retries = new Map<string, () => void>();
  private readonly recheckMs: number;
  private readonly minFree: number;
  private readonly free: () => number | null;
  /** How many writes failed for a full disk since the studio started (for the log and tests). */
  failures = 0;

  constructor(private readonly o: DiskGuardOptions) {
    this.recheckMs = o.recheckMs ?? DISK_RECHECK_MS;
    this.minFree = o.minFreeBytes ?? MIN_FREE_BYTES;
    this.free = o.freeBytes ?? (() => freeBytesOf(o.dir));
  }

  get full(): boolean {
    return this.isFull;
  }

  /**
   * Takes a write's error: a full disk becomes the studio's disk state (true); anything else is
   * left to the caller (false).
   */
  report(err: unknown, area: string): boolean {
    if (!isDiskFull(err)) return false;
    this.failures++;
    if (this.isFull) return true;
    this.isFull = true;
    const free = this.free();
    this.o.log.error('disk full: writes are paused until space returns', {
      area,
      freeMb: megabytes(free),
      reason: err instanceof Error ? err.message : String(err),
    });
    this.prevStatus = this.o.status.get('database');
    this.showStatus(free);
    this.arm();
    return true;
  }

  /**
   * Runs a background write: true when it wrote; a full disk is reported, any other failure logged
   * with its area; never throws.
   */
  attempt(area: string, write: () => void): boolean {
    try {
      write();
    } catch (err) {
      if (!this.report(err, area)) this.o.log.error(`${area}: write failed`, { err });
      return false;
    }
    this.wrote();
    return true;
  }

  /** A write succeeded: the disk is not full (any more). */
  wrote(): void {
    if (!this.isFull) return;
    this.isFull = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.o.log.info('disk space is back: writes resumed', { freeMb: megabytes(this.free()) });
    const prev = this.prevStatus;
    if (prev) this.o.status.set('database', prev.state, prev.detailKey, prev.params);
    else this.o.status.set('database', 'ok', 'disk.spaceBack', { mb: megabytes(this.free()) });
    this.release();
    for (const [key, retry] of [...this.retries]) {
      this.retries.delete(key);
      this.run(key, retry);
    }
  }

  private run(key: string, retry: () => void): void {
    try {
      retry();
    } catch (err) {
      this.o.log.error(`${key}: retried write failed`, { err });
    }
  }

  /** A write to try again at each recheck while the disk is full (one per key; runs once it is tried). */
  retryWhenSpace(key: string, retry: () => void): void {
    this.retries.set(key, retry);
    if (!this.isFull) {
      this.retries.delete(key);
      this.run(key, retry);
    }
  }

  /**
   * Resolves when a writer may try again: at once when the disk is not full, else at the next
   * recheck that finds enough free space (or when `signal` aborts).
   */
  whenSpace(signal?: AbortSignal): Promise<void> {
    if (!this.isFull || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.push(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** Re-reads free space now and, if there is enough, lets waiting writers try again. */
  recheck(): void {
    if (!this.isFull) return;
    const free = this.free();
    this.showStatus(free);
    // Space is back and no write waits to prove it (a failed backup, say): the disk is not full.
    if (free !== null && free >= this.minFree && this.retries.size === 0 && this.waiters.length === 0)
      return this.wrote();
    if (free === null || free >= this.minFree) {
      this.release();
      for (const [key, retry] of [...this.retries]) {
        this.retries.delete(key);
        this.run(key, retry);
        if (!this.isFull) break;
      }
    }
    if (this.isFull) this.arm();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.release();
    this.retries.clear();
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.recheck(), this.recheckMs);
    this.timer.unref?.();
  }

  private release(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private showStatus(free: number | null): void {
    this.o.status.set('database', 'error', 'disk.full', { mb: megabytes(free) });
  }
}
