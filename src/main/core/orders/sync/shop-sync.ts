import type { ShopSyncStatus, SyncErrorKind } from '@shared/api/domains/orders';
import type { DiskGuard } from '../../db/disk-guard';
import type { Logger } from '../../logging/log-hub';
import type { LiveLedger } from '../ledger/live-ledger';
import {
  PlatformError,
  type OrderPage,
  type OrderPageRequest,
  type PlatformAdapter,
} from '../platform-adapter';
import { backoffDelay } from './backoff';
import { callSignal } from './call-signal';
import { runBackfill } from './backfill';
import { Mutex } from './mutex';
import type { SyncCursor, SyncCursorStore, SyncMode } from './sync-cursor-store';
import { sleep, takeAll, type TokenBucket } from './token-bucket';

export interface ShopSyncTiming {
  /** Pause between cycles once caught up. */
  pollMs: number;
  /** Overlap of the periodic overlapped pass (late-indexed orders), 5–10 min. */
  overlapMs: number;
  /** How often a cycle re-reads the overlap instead of starting at the watermark. */
  overlapEveryMs: number;
  /** Window end stays this far behind now (platform indexing delay). */
  settleLagMs: number;
  /** Reconciliation sweep by create time: how often, and how far back each sweep looks. */
  reconcileEveryMs: number;
  reconcileSpanMs: number;
  /** Where a new shop starts. */
  initialLookbackMs: number;
  callTimeoutMs: number;
  backoff: { baseMs: number; maxMs: number };
  /** Retries of one page before the cycle gives up (and the next one starts after a backoff). */
  maxAttempts: number;
}

export const DEFAULT_TIMING: ShopSyncTiming = {
  pollMs: 1_000,
  overlapMs: 5 * 60_000,
  overlapEveryMs: 60_000,
  settleLagMs: 500,
  reconcileEveryMs: 10 * 60_000,
  reconcileSpanMs: 2 * 3_600_000,
  initialLookbackMs: 24 * 3_600_000,
  callTimeoutMs: 10_000,
  backoff: { baseMs: 500, maxMs: 60_000 },
  maxAttempts: 8,
};

export interface ShopSyncOptions {
  shop: number;
  adapter: PlatformAdapter;
  live: LiveLedger;
  cursors: SyncCursorStore;
  /** The app's bucket (shared by every shop of that app) and the shop's own. */
  buckets: TokenBucket[];
  log: Logger;
  timing?: Partial<ShopSyncTiming>;
  clock?: () => number;
  random?: () => number;
  onStatus?: (status: ShopSyncStatus) => void;
  /** The studio's disk state: on a full disk the sync pauses (no backoff, no error) until space returns. */
  disk?: DiskGuard;
}

/**
 * A status change that is progress only (lines written, page after page) goes out at most this
 * often; any other change goes out at once, with the latest count. At 2,000 orders/s a status
 * per page was some 40 events a second, each sent to every console client.
 */
export const PROGRESS_STATUS_MS = 250;

/** A cycle stopped by a permanent error (credentials, permission, a bug in our parameters). */
class PermanentSyncError extends Error {
  constructor(readonly kind: SyncErrorKind) {
    super(kind);
  }
}

/**
 * Syncs one shop: windows by update time from a persisted watermark, every page drained, each
 * page's upserts and cursor in one transaction (a crash resumes at the page it was on), a periodic
 * overlapped pass and a reconciliation sweep by create time, token buckets, backoff with jitter,
 * per-call timeouts and token refresh behind a per-shop lock.
 */
export class ShopSync {
  readonly timing: ShopSyncTiming;
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly refreshLock = new Mutex();
  private abort = new AbortController();
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** The polling loop has returned (stopped, or stopped itself on a permanent error). */
  private ended = false;
  /** syncNow() was called since the current cycle started. */
  private nudged = false;
  private lastOverlapAt = 0;
  private lastReconcileAt: number;
  private current: ShopSyncStatus;
  /** When (clock) a status last went out; whether a progress change has not gone out since. */
  private notifiedAt = -Infinity;
  private progressPending = false;

  constructor(private readonly o: ShopSyncOptions) {
    this.timing = { ...DEFAULT_TIMING, ...o.timing };
    this.clock = o.clock ?? Date.now;
    this.random = o.random ?? Math.random;
    this.lastReconcileAt = this.clock();
    const cursor = o.cursors.get(o.shop, 'update');
    this.current = {
      shop: o.shop,
      state: 'idle',
      lastSuccessAt: cursor?.lastSuccessAt ?? null,
      lagMs: cursor ? Math.max(0, this.clock() - cursor.watermark) : null,
      errorKind: null,
      retryAt: null,
      linesSynced: 0,
      retries: 0,
      sweepOff: null,
    };
  }

  /** Settles when the polling loop has ended: stopped, or stopped itself on a permanent error. */
  finished(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  get status(): ShopSyncStatus {
    return this.current;
  }

  get limits() {
    return this.o.adapter.limits;
  }

  /** Starts the polling loop. */
  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    this.loop = this.run(this.abort.signal);
  }

  /** Stops the loop and aborts the call in flight; what was committed stays committed. */
  async stop(): Promise<void> {
    this.abort.abort(new Error('stopped'));
    this.wake?.();
    await this.loop?.catch(() => undefined);
    this.loop = undefined;
    this.flushProgress();
  }

  /**
   * Syncs as soon as possible (a push said an order changed): ends the pause, or, when a cycle is
   * running, starts another right after it. Because a cycle stops short of the last settleLagMs
   * (and of the platform's current second), one more cycle follows once those have passed, so the
   * order that prompted the call is fetched.
   * A backoff after an error is not cut short.
   */
  syncNow(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** False once the loop has ended by itself (a permanent error) or was stopped. */
  get running(): boolean {
    return this.loop !== undefined && !this.ended;
  }

  /**
   * One cycle: drains update-time windows until caught up (an overlapped pass when due), then a
   * reconciliation sweep when due. Returns lines written. Throws on a permanent error.
   */
  async cycle(signal: AbortSignal = this.abort.signal): Promise<number> {
    const now = this.clock();
    const overlap = now - this.lastOverlapAt >= this.timing.overlapEveryMs ? this.timing.overlapMs : 0;
    let written = await this.drain('update', overlap, signal);
    if (overlap > 0) this.lastOverlapAt = now;
    if (this.current.sweepOff == null && now - this.lastReconcileAt >= this.timing.reconcileEveryMs) {
      this.lastReconcileAt = now;
      // The sweep is a backstop: its failure never takes down the update-time sync.
      try {
        written += await this.drain('create', this.timing.reconcileSpanMs, signal);
      } catch (err) {
        if (signal.aborted) throw err;
        this.sweepFailed(err);
      }
    }
    return written;
  }

  /**
   * A refused sweep (the platform does not offer the create-time query, or not to this app) is
   * turned off for this shop, loudly; a credentials failure stops the shop as any call would;
   * anything else is retried at the next sweep.
   */
  private sweepFailed(err: unknown): void {
    const kind = err instanceof PermanentSyncError || err instanceof PlatformError ? err.kind : 'server';
    if (kind === 'method_refused' || kind === 'bad_request' || kind === 'no_permission') {
      this.o.log.warn('create-time sweep refused by the platform; sweep off for this shop', {
        shop: this.o.shop,
        kind,
      });
      this.update({ sweepOff: kind });
      return;
    }
    if (err instanceof PermanentSyncError) throw err;
    this.o.log.warn('create-time sweep failed; retrying at the next sweep', { shop: this.o.shop, kind });
    // Its retries showed in the status; the update-time sync this cycle ran is what the status says.
    this.update({ state: 'ok', errorKind: null, retryAt: null });
  }

  /** Runs cycles until the update watermark reaches `until` (tests, crash test, demo start). */
  async catchUp(until: number, signal: AbortSignal = this.abort.signal): Promise<void> {
    for (;;) {
      await this.drain('update', 0, signal);
      const c = this.o.cursors.get(this.o.shop, 'update');
      if (c && c.window === null && c.watermark >= until) return;
    }
  }

  /** Drains windows of one mode from its watermark (minus `overlap`) up to now − settle lag. */
  async drain(mode: SyncMode, overlap: number, signal: AbortSignal): Promise<number> {
    let written = 0;
    let first = true;
    for (;;) {
      const now = this.clock();
      const limits = this.o.adapter.limits;
      const oldest = now - limits.maxLookbackMs + 60_000;
      let cursor: SyncCursor = this.o.cursors.get(this.o.shop, mode) ?? {
        watermark: Math.max(oldest, now - this.timing.initialLookbackMs),
        window: null,
        lastSuccessAt: null,
      };
      // A window left in flight by a crash or a failed cycle is finished first, from its page token.
      let reachedNow = false;
      if (!cursor.window) {
        const from = Math.max(oldest, cursor.watermark - (first ? overlap : 0));
        const to = Math.min(from + limits.maxWindowMs, now - this.timing.settleLagMs);
        if (to <= from) return written;
        reachedNow = to === now - this.timing.settleLagMs;
        cursor = { ...cursor, window: { from, to, pageToken: null, pages: 0 } };
      }
      first = false;
      written += await this.drainWindow(mode, cursor, signal);
      if (reachedNow) return written;
    }
  }

  private async drainWindow(mode: SyncMode, start: SyncCursor, signal: AbortSignal): Promise<number> {
    const window = start.window!;
    let pages = window.pages;
    let written = 0;
    const request = (pageToken: string | null): OrderPageRequest => ({
      from: window.from,
      to: window.to,
      by: mode,
      pageToken,
      pageSize: this.o.adapter.limits.maxPageSize,
    });
    // Pages go to the ledger's group commit through one chain: in order, each with its cursor, and
    // none after a page that failed to commit. Fetching goes on while they wait (up to the
    // chain's bound), so a backlog drains in few transactions; a lone page commits within 20 ms.
    const chain = this.o.live.chain();
    try {
      let fetching = this.fetchWithRetry(request(window.pageToken), signal);
      for (;;) {
        const page = await fetching;
        const done = page.nextPageToken === null;
        if (!done) {
          fetching = this.fetchWithRetry(request(page.nextPageToken), signal);
          fetching.catch(() => undefined);
        }
        const next: SyncCursor = done
          ? { watermark: Math.max(start.watermark, window.to), window: null, lastSuccessAt: this.clock() }
          : {
              watermark: start.watermark,
              window: { ...window, pageToken: page.nextPageToken, pages: pages + 1 },
              lastSuccessAt: start.lastSuccessAt,
            };
        pages++;
        // The page's upserts and the cursor move together: a crash either keeps both or neither.
        const committed = chain
          .commit({ lines: page.lines, alsoInTransaction: () => this.o.cursors.put(this.o.shop, mode, next) })
          .then((r) => {
            this.o.disk?.wrote();
            written += r.written;
            this.update({ linesSynced: this.current.linesSynced + r.written }, true);
          });
        if (done) {
          await committed;
          // The window's last count goes out now (with the state below, or alone).
          if (mode !== 'update') this.flushProgress();
          if (mode === 'update')
            this.update({
              state: 'ok',
              lastSuccessAt: next.lastSuccessAt,
              lagMs: Math.max(0, this.clock() - next.watermark),
              errorKind: null,
              retryAt: null,
            });
          return written;
        }
        committed.catch(() => undefined);
        await chain.room();
        if (chain.error !== undefined) throw chain.error;
      }
    } finally {
      // A failed pass leaves nothing in flight: the next one reads a settled cursor.
      await chain.settled();
    }
  }

  private async fetchWithRetry(req: OrderPageRequest, signal: AbortSignal): Promise<OrderPage> {
    for (let attempt = 1; ; attempt++) {
      await takeAll(this.o.buckets, signal);
      const call = callSignal(signal, this.timing.callTimeoutMs);
      try {
        return await this.o.adapter.fetchOrderPage(req, call.signal);
      } catch (err) {
        if (signal.aborted) throw err;
        const e = asPlatformError(err, this.o.adapter, call.timedOut);
        if (e.kind === 'token_expired' && this.o.adapter.refreshToken && attempt <= 2) {
          this.o.log.info('access token expired; refreshing', { shop: this.o.shop });
          try {
            await this.refresh(signal);
          } catch (refreshErr) {
            if (signal.aborted) throw refreshErr;
            // A refused refresh (wrong app secret, dead refresh token) cannot heal by retrying:
            // the shop stops with that reason until its settings change.
            const r = asPlatformError(refreshErr, this.o.adapter, false);
            if (!r.retryable) throw new PermanentSyncError(r.kind);
            throw r;
          }
          continue;
        }
        if (!e.retryable || attempt >= this.timing.maxAttempts) {
          if (!e.retryable) throw new PermanentSyncError(e.kind);
          throw e;
        }
        const wait = backoffDelay(
          attempt,
          { ...this.timing.backoff, floorMs: e.detail.retryAfterMs ?? 0 },
          this.random,
        );
        this.o.log.warn('platform call failed; retrying', {
          shop: this.o.shop,
          kind: e.kind,
          attempt,
          waitMs: wait,
          code: e.detail.platformCode,
        });
        this.update({
          state: 'retrying',
          errorKind: e.kind,
          retryAt: this.clock() + wait,
          retries: this.current.retries + 1,
        });
        await sleep(wait, signal);
      } finally {
        call.dispose();
      }
    }
  }

  /**
   * Re-reads [from, to] by create time beside the polling loop (see runBackfill), with the same
   * buckets, retries and ledger; progress goes out in the status. Stopped by stop().
   */
  backfill(range: { from: number; to: number }): Promise<unknown> {
    return runBackfill(range, {
      limits: this.o.adapter.limits,
      fetch: (req, signal) => this.fetchWithRetry(req, signal),
      ingest: async (lines) => (await this.o.live.chain().commit({ lines })).written,
      report: (backfill) => this.update({ backfill }),
      signal: this.abort.signal,
    });
  }

  /** Refreshes the token; concurrent callers wait for the one refresh in progress. */
  refresh(signal: AbortSignal): Promise<void> {
    return this.refreshLock.run(() => this.o.adapter.refreshToken!(signal));
  }

  private async run(signal: AbortSignal): Promise<void> {
    this.ended = false;
    try {
      await this.poll(signal);
    } finally {
      this.ended = true;
    }
  }

  private async poll(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      let pause = this.timing.pollMs;
      const nudgedCycle = this.nudged;
      this.nudged = false;
      try {
        this.update({ state: this.current.state === 'idle' ? 'syncing' : this.current.state });
        await this.cycle(signal);
        failures = 0;
        if (this.nudged) pause = 0;
        // The follow-up waits out the settle lag and the platform's time unit (whole seconds).
        else if (nudgedCycle)
          pause = Math.min(pause, this.timing.settleLagMs + (this.o.adapter.limits.timeResolutionMs ?? 1));
      } catch (err) {
        if (signal.aborted) break;
        if (this.o.disk?.report(err, `orders:${this.o.adapter.platform}`)) {
          // Not the platform's fault and nothing to back off from: nothing past the last committed
          // page was stored, so once there is space the next cycle goes on from the cursor.
          this.update({ state: 'retrying', errorKind: 'disk_full', retryAt: null });
          await this.o.disk.whenSpace(signal);
          continue;
        }
        failures++;
        const kind: SyncErrorKind =
          err instanceof PermanentSyncError ? err.kind : err instanceof PlatformError ? err.kind : 'server';
        pause = backoffDelay(failures, this.timing.backoff, this.random);
        if (err instanceof PermanentSyncError) {
          // A wrong secret, key or token, a refused call: retrying cannot help. The shop stays in
          // error, with its reason, until its settings change (which starts a new sync).
          this.o.log.warn('sync stopped until the shop settings change', { shop: this.o.shop, kind });
          this.update({ state: 'error', errorKind: kind, retryAt: null });
          break;
        }
        if (!(err instanceof PlatformError))
          this.o.log.error('sync cycle failed', { shop: this.o.shop, err });
        else this.o.log.warn('sync cycle failed', { shop: this.o.shop, kind });
        this.update({ state: 'error', errorKind: kind, retryAt: this.clock() + pause });
      }
      // stop() may have come while the cycle waited for its last commit, with no pause to wake yet.
      if (signal.aborted) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, pause);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Applies a change; `progress`: only a count moved, which goes out at most every PROGRESS_STATUS_MS. */
  private update(patch: Partial<ShopSyncStatus>, progress = false): void {
    const next = { ...this.current, ...patch };
    const changed = (Object.keys(patch) as (keyof ShopSyncStatus)[]).some((k) => this.current[k] !== next[k]);
    this.current = next;
    if (!changed && !(this.progressPending && !progress)) return;
    if (progress && this.clock() - this.notifiedAt < PROGRESS_STATUS_MS) {
      this.progressPending = true;
      return;
    }
    this.notify();
  }

  /** Sends a progress change still held back. */
  private flushProgress(): void {
    if (this.progressPending) this.notify();
  }

  private notify(): void {
    this.progressPending = false;
    this.notifiedAt = this.clock();
    this.o.onStatus?.(this.current);
  }
}

/** Anything a call throws, as a PlatformError (a timeout or a socket error is `unreachable`). */
export function asPlatformError(err: unknown, adapter: PlatformAdapter, timedOut: boolean): PlatformError {
  if (err instanceof PlatformError) return err;
  const message = timedOut ? 'call timed out' : err instanceof Error ? err.message : String(err);
  return new PlatformError(adapter.platform, 'unreachable', message);
}
