import { getEventListeners } from 'node:events';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { LogHub } from '../../logging/log-hub';
import { LiveLedger } from '../ledger/live-ledger';
import type { OrderPage, OrderPageRequest, PlatformAdapter } from '../platform-adapter';
import { shelfFixture } from '../../../../../test-support/orders/shelf-fixture';
import { callSignal } from './call-signal';
import { ShopSync } from './shop-sync';
import { SyncCursorStore } from './sync-cursor-store';
import { TokenBucket } from './token-bucket';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** A full collection once the current task is over (WeakRef targets are kept until then). */
async function collected(): Promise<void> {
  await new Promise((r) => setImmediate(r));
  gc();
  gc();
}

/**
 * Answers at once with empty pages, `pages` of them per window (a backlog drains without waiting
 * for a commit per page), keeping a weak handle on every signal it was given.
 */
class EmptyAdapter implements PlatformAdapter {
  readonly platform = 'kuaishou' as const;
  readonly shopId = 'soak';
  readonly limits = { maxWindowMs: 24 * 3_600_000, maxLookbackMs: 90 * 24 * 3_600_000, maxPageSize: 100 };
  readonly signals: WeakRef<AbortSignal>[] = [];

  constructor(
    public pages: number,
    private readonly record = true,
  ) {}

  async fetchOrderPage(req: OrderPageRequest, signal: AbortSignal): Promise<OrderPage> {
    if (this.record) this.signals.push(new WeakRef(signal));
    await Promise.resolve();
    const page = Number(req.pageToken ?? 0) + 1;
    return { lines: [], nextPageToken: page < this.pages ? String(page) : null };
  }

  async testConnection(): Promise<void> {}
}

const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

/** `calls` platform calls of one shop under one long-lived signal, as the loop makes them through a show. */
async function runCalls(calls: number, record = true) {
  const fx = shelfFixture(3, ['kuaishou']);
  fx.db
    .prepare(`INSERT INTO shop (platform, shop_id, label, created_at) VALUES ('kuaishou', 'soak', 's', 0)`)
    .run();
  const adapter = new EmptyAdapter(calls, record);
  const live = new LiveLedger(fx.db, fx.shelf, fx.events);
  closers.push(() => {
    live.close();
    fx.db.close();
  });
  // A clock that moves a second per reading: each cycle drains one window of `calls` pages.
  let now = 1_800_000_000_000;
  const sync = new ShopSync({
    shop: 1,
    adapter,
    live,
    cursors: new SyncCursorStore(fx.db),
    buckets: [new TokenBucket(1_000_000)],
    log: new LogHub().logger('orders:test'),
    clock: () => (now += 1_000),
    // A long call timeout: whatever a call leaves behind is still there when the test looks.
    timing: {
      settleLagMs: 0,
      initialLookbackMs: 1_000,
      overlapEveryMs: 1e12,
      reconcileEveryMs: 1e12,
      callTimeoutMs: 600_000,
    },
  });
  const show = new AbortController();
  await sync.cycle(show.signal);
  return { adapter, show, sync };
}

describe('ShopSync over a long show', () => {
  it('leaves nothing of a finished call alive: no call signal outlives its call', async () => {
    const { adapter, show } = await runCalls(400);
    expect(adapter.signals.length).toBe(400);
    await collected();
    const alive = adapter.signals.filter((s) => s.deref() !== undefined).length;
    // Only the last call's signal may still be referenced from the stack that made it.
    expect(alive).toBeLessThanOrEqual(1);
    // The show's signal still stops a call in flight (nothing was lost by not composing signals).
    expect(show.signal.aborted).toBe(false);
  });

  it('keeps the heap flat: the long-lived signal gathers nothing per call', async () => {
    // Warm-up (compiled code, statement caches), then 10,000 more calls under the same signal: a
    // leak of a few hundred bytes a call shows as megabytes, a busy worker's noise (up to a few
    // hundred KB at a reading) as tens of bytes a call.
    const { adapter, show, sync } = await runCalls(300, false);
    await collected();
    const before = process.memoryUsage().heapUsed;
    adapter.pages = 10_000;
    await sync.cycle(show.signal);
    // The least of a few readings: on a busy machine the test worker's own traffic (its reports to
    // the runner) can hold a few hundred KB at any one moment; what the calls left stays in all.
    let after = Infinity;
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 50));
      await collected();
      after = Math.min(after, process.memoryUsage().heapUsed);
    }
    const perCall = (after - before) / 10_000;
    expect(show.signal.aborted).toBe(false);
    // Each call composed with AbortSignal.any left a registry cell and two WeakRefs on the show's
    // signal (a few hundred bytes); a call signal that is disposed leaves nothing.
    expect(perCall).toBeLessThan(100);
  });
});

describe('callSignal', () => {
  it('aborts with the parent, times out on its own, and detaches from the parent when disposed', async () => {
    const parent = new AbortController();
    const a = callSignal(parent.signal, 600_000);
    parent.abort(new Error('stopped'));
    expect(a.signal.aborted).toBe(true);
    expect((a.signal.reason as Error).message).toBe('stopped');
    expect(a.timedOut).toBe(false);
    a.dispose();

    const t = callSignal(new AbortController().signal, 1);
    await new Promise<void>((r) => t.signal.addEventListener('abort', () => r()));
    expect(t.timedOut).toBe(true);
    expect((t.signal.reason as DOMException).name).toBe('TimeoutError');
    t.dispose();

    const p = new AbortController();
    for (let i = 0; i < 100; i++) callSignal(p.signal, 600_000).dispose();
    expect(getEventListeners(p.signal, 'abort')).toHaveLength(0);

    const already = new AbortController();
    already.abort(new Error('gone'));
    const b = callSignal(already.signal, 600_000);
    expect(b.signal.aborted).toBe(true);
    b.dispose();
  });
});
