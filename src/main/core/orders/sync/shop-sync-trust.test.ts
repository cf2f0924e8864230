import { afterEach, describe, expect, it } from 'vitest';
import { LogHub } from '../../logging/log-hub';
import { LiveLedger } from '../ledger/live-ledger';
import {
  PlatformError,
  type OrderPage,
  type OrderPageRequest,
  type PlatformAdapter,
  type PlatformErrorKind,
} from '../platform-adapter';
import { shelfFixture } from '../../../../../test-support/orders/shelf-fixture';
import { ShopSync } from './shop-sync';
import { SyncCursorStore } from './sync-cursor-store';
import { TokenBucket } from './token-bucket';

/** An adapter whose update-time and create-time queries each answer or fail as told. */
class ScriptedAdapter implements PlatformAdapter {
  readonly platform = 'taobao' as const;
  readonly shopId = 'scripted';
  readonly limits = { maxWindowMs: 24 * 3_600_000, maxLookbackMs: 90 * 24 * 3_600_000, maxPageSize: 100 };
  readonly calls: OrderPageRequest['by'][] = [];
  constructor(readonly fail: Partial<Record<OrderPageRequest['by'], PlatformErrorKind>>) {}

  async fetchOrderPage(req: OrderPageRequest): Promise<OrderPage> {
    this.calls.push(req.by);
    const kind = this.fail[req.by];
    if (kind) throw new PlatformError('taobao', kind, `scripted ${kind}`);
    return { lines: [], nextPageToken: null };
  }

  async testConnection(): Promise<void> {}
}

/** An adapter whose access token has expired and whose token refresh fails as told. */
class ExpiredTokenAdapter extends ScriptedAdapter {
  refreshes = 0;
  constructor(readonly refreshFails: PlatformErrorKind) {
    super({ update: 'token_expired' });
  }

  async refreshToken(): Promise<void> {
    this.refreshes++;
    throw new PlatformError('taobao', this.refreshFails, `scripted refresh ${this.refreshFails}`);
  }
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

function setup(fail: ScriptedAdapter['fail'], scripted: ScriptedAdapter = new ScriptedAdapter(fail)) {
  const fx = shelfFixture(3, ['taobao']);
  fx.db
    .prepare(`INSERT INTO shop (platform, shop_id, label, created_at) VALUES ('taobao', 'scripted', 's', 0)`)
    .run();
  const adapter = scripted;
  const live = new LiveLedger(fx.db, fx.shelf, fx.events);
  let now = Date.UTC(2026, 10, 21, 4, 0, 0);
  const sync = new ShopSync({
    shop: 1,
    adapter,
    live,
    cursors: new SyncCursorStore(fx.db),
    buckets: [new TokenBucket(1_000)],
    log: new LogHub().logger('orders:test'),
    timing: {
      pollMs: 1,
      reconcileEveryMs: 0,
      initialLookbackMs: 60_000,
      backoff: { baseMs: 1, maxMs: 1 },
      maxAttempts: 2,
    },
    clock: () => (now += 1_000),
    random: () => 0.5,
  });
  stops.push(async () => {
    await sync.stop();
    live.close();
    fx.db.close();
  });
  return { adapter, sync };
}

describe('ShopSync: permanent failures stop, a refused sweep turns off', () => {
  it.each(['bad_signature', 'bad_app_key', 'token_expired', 'method_refused'] as const)(
    '%s: one call, then the shop stays in error with its reason and no retry',
    async (kind) => {
      const { adapter, sync } = setup({ update: kind });
      sync.start();
      await sync.finished();
      expect(adapter.calls).toEqual(['update']);
      expect(sync.status).toMatchObject({ state: 'error', errorKind: kind, retryAt: null });
    },
  );

  it('a refused create-time sweep turns the sweep off; the update-time sync goes on', async () => {
    const { adapter, sync } = setup({ create: 'method_refused' });
    const signal = new AbortController().signal;
    await sync.cycle(signal);
    expect(adapter.calls).toEqual(['update', 'create']);
    expect(sync.status).toMatchObject({ state: 'ok', errorKind: null, sweepOff: 'method_refused' });
    await sync.cycle(signal);
    await sync.cycle(signal);
    expect(adapter.calls.filter((c) => c === 'create')).toHaveLength(1);
    expect(adapter.calls.filter((c) => c === 'update').length).toBeGreaterThanOrEqual(3);
    expect(sync.status.state).toBe('ok');
  });

  it('a sweep that fails for a passing reason is tried again at the next sweep', async () => {
    const { adapter, sync } = setup({ create: 'server' });
    const signal = new AbortController().signal;
    await sync.cycle(signal);
    await sync.cycle(signal);
    expect(adapter.calls.filter((c) => c === 'create').length).toBeGreaterThanOrEqual(2);
    expect(sync.status).toMatchObject({ state: 'ok', sweepOff: null });
  });

  it.each(['bad_app_secret', 'bad_signature', 'token_expired'] as const)(
    'a token refresh refused for %s stops the shop with that reason, not a retried platform error',
    async (kind) => {
      const adapter = new ExpiredTokenAdapter(kind);
      const { sync } = setup({}, adapter);
      sync.start();
      await sync.finished();
      expect(adapter.refreshes).toBe(1);
      expect(adapter.calls).toEqual(['update']);
      expect(sync.status).toMatchObject({ state: 'error', errorKind: kind, retryAt: null });
    },
  );

  it('a token refresh that fails for a passing reason is retried', async () => {
    const adapter = new ExpiredTokenAdapter('unreachable');
    const { sync } = setup({}, adapter);
    await expect(sync.cycle(new AbortController().signal)).rejects.toMatchObject({ kind: 'unreachable' });
    expect(adapter.refreshes).toBe(1);
  });
});
