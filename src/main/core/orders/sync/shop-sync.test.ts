import { afterEach, describe, expect, it } from 'vitest';
import { LogHub } from '../../logging/log-hub';
import { LiveLedger } from '../ledger/live-ledger';
import type { OrderPage, OrderPageRequest, PlatformAdapter } from '../platform-adapter';
import { shelfFixture } from '../../../../../test-support/orders/shelf-fixture';
import type { ShopSyncStatus } from '@shared/api/domains/orders';
import type { OrderLine } from '../order-record';
import { ShopSync } from './shop-sync';
import { SyncCursorStore } from './sync-cursor-store';
import { TokenBucket } from './token-bucket';

/**
 * Scheduling only: an adapter that records its calls and can hold them, so the test sees when
 * cycles run. (Protocol behaviour is covered against the simulators in each platform's suite.)
 */
class GatedAdapter implements PlatformAdapter {
  readonly platform = 'kuaishou' as const;
  readonly shopId = 'gated';
  readonly limits = { maxWindowMs: 24 * 3_600_000, maxLookbackMs: 90 * 24 * 3_600_000, maxPageSize: 100 };
  readonly calls: OrderPageRequest[] = [];
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => undefined;

  hold(): void {
    this.gate = new Promise((r) => (this.open = r));
  }

  release(): void {
    this.open();
  }

  async fetchOrderPage(req: OrderPageRequest): Promise<OrderPage> {
    this.calls.push(req);
    await this.gate;
    return { lines: [], nextPageToken: null };
  }

  async testConnection(): Promise<void> {}
}

const until = async (what: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

function setup() {
  const fx = shelfFixture(3, ['kuaishou']);
  fx.db
    .prepare(`INSERT INTO shop (platform, shop_id, label, created_at) VALUES ('kuaishou', 'gated', 'g', 0)`)
    .run();
  const adapter = new GatedAdapter();
  const live = new LiveLedger(fx.db, fx.shelf, fx.events);
  const sync = new ShopSync({
    shop: 1,
    adapter,
    live,
    cursors: new SyncCursorStore(fx.db),
    buckets: [new TokenBucket(1_000)],
    log: new LogHub().logger('orders:test'),
    // Polling every ten minutes: within this test only syncNow() can start a cycle.
    timing: { pollMs: 600_000, settleLagMs: 30, initialLookbackMs: 60_000, overlapEveryMs: 600_000 },
  });
  stops.push(async () => {
    adapter.release();
    await sync.stop();
    live.close();
    fx.db.close();
  });
  return { adapter, sync };
}

describe('ShopSync.syncNow', () => {
  it('runs a cycle right away, and one more once the settle lag has passed', async () => {
    const { adapter, sync } = setup();
    sync.start();
    await until(() => sync.status.lastSuccessAt !== null && adapter.calls.length > 0);
    const idle = adapter.calls.length;
    sync.syncNow();
    await until(() => adapter.calls.length >= idle + 2);
    // The follow-up cycle's window reaches past the moment syncNow() was called.
    const [, followUp] = adapter.calls.slice(idle);
    expect(followUp!.to).toBeGreaterThan(adapter.calls[idle]!.to);
  });

  it('is not lost when it arrives while a cycle is running', async () => {
    const { adapter, sync } = setup();
    sync.start();
    await until(() => sync.status.lastSuccessAt !== null && adapter.calls.length > 0);
    adapter.hold();
    sync.syncNow();
    const before = adapter.calls.length;
    await until(() => adapter.calls.length === before + 1);
    // A second push while that cycle's call is in flight.
    sync.syncNow();
    adapter.release();
    // Another cycle starts after the running one, although the next poll is ten minutes away.
    await until(() => adapter.calls.length >= before + 3);
  });
});

/** Pages of two new lines each, `pages` of them per window; each call moves the clock `stepMs`. */
class PagedAdapter implements PlatformAdapter {
  readonly platform = 'kuaishou' as const;
  readonly shopId = 'paged';
  readonly limits = { maxWindowMs: 24 * 3_600_000, maxLookbackMs: 90 * 24 * 3_600_000, maxPageSize: 2 };
  private next = 0;

  constructor(
    private readonly pages: number,
    private readonly clock: { now: number; stepMs: number },
  ) {}

  async fetchOrderPage(req: OrderPageRequest): Promise<OrderPage> {
    this.clock.now += this.clock.stepMs;
    const page = Number(req.pageToken ?? 0);
    const lines = [0, 1].map((): OrderLine => {
      const id = String(2100000000000000000n + BigInt(++this.next));
      return {
        platform: 'kuaishou',
        shopId: this.shopId,
        orderId: id,
        lineId: id,
        status: 'paid',
        refundState: 'none',
        itemId: 'stray',
        skuId: 'stray',
        outerSku: '',
        title: 'stray',
        quantity: 1,
        paidFen: 100,
        createdAt: req.from,
        paidAt: req.from,
        updatedAt: req.from,
        raw: '{}',
      };
    });
    return { lines, nextPageToken: page + 1 < this.pages ? String(page + 1) : null };
  }

  async testConnection(): Promise<void> {}
}

describe('ShopSync status', () => {
  async function syncOnce(stepMs: number) {
    const fx = shelfFixture(3, ['kuaishou']);
    fx.db
      .prepare(`INSERT INTO shop (platform, shop_id, label, created_at) VALUES ('kuaishou', 'paged', 'p', 0)`)
      .run();
    const clock = { now: Date.UTC(2026, 10, 21, 4, 0, 0), stepMs };
    const live = new LiveLedger(fx.db, fx.shelf, fx.events);
    const seen: ShopSyncStatus[] = [];
    const sync = new ShopSync({
      shop: 1,
      adapter: new PagedAdapter(12, clock),
      live,
      cursors: new SyncCursorStore(fx.db),
      buckets: [new TokenBucket(1_000_000)],
      log: new LogHub().logger('orders:test'),
      clock: () => clock.now,
      // One cycle in this test: the next poll is ten minutes of the test's clock away.
      timing: { pollMs: 600_000, settleLagMs: 30, initialLookbackMs: 60_000, overlapEveryMs: 600_000 },
      onStatus: (s) => seen.push(s),
    });
    stops.push(async () => {
      await sync.stop();
      live.close();
      fx.db.close();
    });
    sync.start();
    await until(() => sync.status.state === 'ok');
    return seen.map((s) => [s.state, s.linesSynced]);
  }

  it('sends lines written page after page at most every PROGRESS_STATUS_MS, and the final count with the state', async () => {
    // The clock stands still: twelve pages are progress only, and go out with the window's end.
    expect(await syncOnce(0)).toEqual([
      ['syncing', 0],
      ['ok', 24],
    ]);
    // A second a page: progress goes out while the window drains (how often depends on how the
    // pages were grouped in commits), counts only growing, then the last with the state.
    const moving = await syncOnce(1_000);
    expect(moving.length).toBeGreaterThan(2);
    expect(moving.at(-1)).toEqual(['ok', 24]);
    const counts = moving.map(([, n]) => n as number);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });
});
