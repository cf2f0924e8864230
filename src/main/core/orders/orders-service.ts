import type { Shop, ShopSyncStatus } from '@shared/api/domains/orders';
import { ApiFailure } from '@shared/api/errors';
import type { Logger } from '../logging/log-hub';
import type { StudioService } from '../services/service';
import type { ShelfReader } from '../shelf';
import type { StudioContext } from '../studio-context';
import { DemoShops } from './demo/demo-shops';
import { LiveLedger } from './ledger/live-ledger';
import { PlatformError, type PlatformAdapter } from './platform-adapter';
import { PushControl } from './push/push-control';
import { createAdapter } from './shops/adapter-factory';
import { ShopStore, type ShopRecord } from './shops/shop-store';
import { RATE_LIMITS } from './sync/rate-limits';
import { checkBackfillRange, checkSyncStart } from './sync/backfill';
import { ShopSync, type ShopSyncTiming } from './sync/shop-sync';
import { SyncCursorStore } from './sync/sync-cursor-store';
import { TokenBucket } from './sync/token-bucket';

export interface OrdersServiceOptions {
  /** SHELFCAST_DEMO=1: run simulated shops on loopback. */
  demo: boolean;
  timing?: Partial<ShopSyncTiming>;
  /** The studio's clock (tests inject one). */
  clock?: () => number;
}

const DEMO_TIMING: Partial<ShopSyncTiming> = { pollMs: 250, settleLagMs: 300 };

/**
 * Order sync for every configured shop: one ShopSync each, sharing the ledger and the per-app
 * token buckets; the shops' states roll up into the status bar's "Platform sync" pill.
 */
export class OrdersService implements StudioService {
  readonly name = 'orders' as const;
  private live: LiveLedger | undefined;
  private shopStore: ShopStore | undefined;
  private cursors: SyncCursorStore | undefined;
  private demo: DemoShops | undefined;
  private readonly syncs = new Map<number, ShopSync>();
  /** Status of shops that have no running sync (disabled, missing credentials). */
  private readonly parked = new Map<number, ShopSyncStatus>();
  private readonly appBuckets = new Map<string, TokenBucket>();
  private readonly log: Logger;
  /** The optional push receiver: settings, status, restarts when shops change. */
  readonly push: PushControl;

  constructor(
    private readonly ctx: StudioContext,
    private readonly shelf: ShelfReader,
    private readonly options: OrdersServiceOptions,
  ) {
    this.log = ctx.logs.logger('orders');
    this.push = new PushControl({
      ctx,
      shops: () => this.shopStore,
      syncNow: (id) => this.syncNow(id),
      log: this.log.child('push'),
    });
  }

  get ledger(): LiveLedger {
    if (!this.live)
      throw new ApiFailure('unavailable', 'order sync is not running', { key: 'orders:errors.notRunning' });
    return this.live;
  }

  get shops(): ShopStore {
    if (!this.shopStore)
      throw new ApiFailure('unavailable', 'order sync is not running', { key: 'orders:errors.notRunning' });
    return this.shopStore;
  }

  async start(): Promise<void> {
    const db = this.ctx.db();
    this.live = new LiveLedger(db, this.shelf, this.ctx.events, undefined, (reason) =>
      this.log.warn('raw page packer failed; packing on the main thread', { reason }),
    );
    this.shopStore = new ShopStore(db, () => this.ctx.secrets());
    this.cursors = new SyncCursorStore(db);
    if (this.options.demo)
      this.demo = await DemoShops.start(this.shelf, this.shopStore, this.log.child('demo'));
    for (const shop of this.shopStore.list()) this.startShop(shop);
    this.updatePill();
    // Push is optional: whatever goes wrong with it must not keep order sync from starting.
    await this.push
      .start()
      .catch((err: unknown) => this.log.error('push receiver not started', { error: String(err) }));
  }

  async stop(): Promise<void> {
    await this.push.stop();
    await Promise.all([...this.syncs.values()].map((s) => s.stop()));
    this.syncs.clear();
    await this.demo?.stop();
    this.live?.close();
    this.ctx.status.set('orders', 'stopped', 'status.detail.stopped');
  }

  /** The shelf changed: the running ledger re-maps new orders and re-reads the named products' origins. */
  shelfChanged(productIds: readonly number[]): void {
    this.live?.shelfChanged(productIds);
  }

  /** Every shop with its status, secrets reported only as present or not. */
  list(): Shop[] {
    return this.shops.list().map((s) => this.view(s));
  }

  view(shop: ShopRecord): Shop {
    const { id, platform, shopId, label, appKey, signMethod, gateway, simulated, enabled } = shop;
    return {
      id,
      platform,
      shopId,
      label,
      appKey,
      signMethod,
      gateway,
      simulated,
      enabled,
      secrets: simulated
        ? { appSecret: true, signSecret: true, accessToken: true, refreshToken: true, pushKey: false }
        : this.shops.secretsPresent(id),
      status: this.statusOf(id),
    };
  }

  statusOf(id: number): ShopSyncStatus {
    return this.syncs.get(id)?.status ?? this.parked.get(id) ?? parkedStatus(id, 'idle', null);
  }

  /** (Re)starts a shop's sync after it was added or edited. */
  async restartShop(id: number): Promise<void> {
    await this.syncs.get(id)?.stop();
    this.syncs.delete(id);
    this.parked.delete(id);
    const shop = this.shops.list().find((s) => s.id === id);
    if (shop) this.startShop(shop);
    this.updatePill();
    // The receiver serves a fixed set of shops and keys: a shop change restarts it.
    await this.push.restart();
  }

  /** The studio's clock. */
  now(): number {
    return (this.options.clock ?? Date.now)();
  }

  /** Checks a new shop's sync start (see checkSyncStart) before anything is saved. */
  checkStart(platform: ShopRecord['platform'], syncFrom: number): number {
    return checkSyncStart(platform, syncFrom, this.now());
  }

  /**
   * A new shop's sync starts at `syncFrom`: its update-time watermark is set there before its first
   * cycle (a shop without one would read the sync's default lookback, 24 hours).
   */
  setStartPoint(id: number, syncFrom: number): void {
    this.cursors!.put(id, 'update', { watermark: syncFrom, window: null, lastSuccessAt: null });
  }

  /** Starts re-reading [from, to] of a shop's orders; progress in its status. Returns the windows to read. */
  backfill(id: number, from: number, to: number): number {
    const shop = this.shops.get(id);
    const range = checkBackfillRange(shop.platform, from, to, this.now());
    const sync = this.syncs.get(id);
    if (!sync)
      throw new ApiFailure('unavailable', `shop ${id} is not syncing`, {
        key: 'orders:showWindow.errors.notSyncing',
      });
    if (sync.status.backfill?.state === 'running')
      throw new ApiFailure('conflict', `shop ${id} is already re-reading a range`, {
        key: 'orders:showWindow.errors.backfillBusy',
      });
    this.log.info('re-reading a range of orders', { shop: id, ...range });
    void sync
      .backfill(range)
      .catch((err: unknown) => this.log.error('re-read failed', { shop: id, error: String(err) }));
    return Math.ceil((range.to - range.from) / sync.limits.maxWindowMs);
  }

  /** A sync as soon as possible (a push said an order changed); nothing when the shop does not sync. */
  syncNow(id: number): void {
    this.shops.get(id);
    this.syncs.get(id)?.syncNow();
  }

  /**
   * The operator's "sync now": a paused shop or one without credentials is refused with the
   * reason (before, the button did nothing and said nothing); a sync that stopped itself on a
   * permanent error (a wrong secret, a refused call) starts again, since the operator may have
   * fixed the cause on the platform's side; otherwise as a push does.
   */
  async syncNowByOperator(id: number): Promise<void> {
    const shop = this.shops.get(id);
    const sync = this.syncs.get(id);
    if (!sync) {
      const parked = this.parked.get(id);
      if (parked?.errorKind === 'no_credentials')
        throw new ApiFailure('conflict', 'the shop has no credentials to sync with', {
          key: 'orders:errors.syncNoCredentials',
          params: { shop: shop.label || shop.shopId },
        });
      throw new ApiFailure('conflict', 'the shop is paused', {
        key: 'orders:errors.syncPaused',
        params: { shop: shop.label || shop.shopId },
      });
    }
    if (!sync.running) await this.restartShop(id);
    else sync.syncNow();
  }

  /** One authenticated call with the shop's stored credentials; throws a translated reason. */
  async test(id: number): Promise<number> {
    const shop = this.shops.get(id);
    const adapter = this.adapterFor(shop);
    const started = Date.now();
    try {
      await adapter.testConnection(AbortSignal.timeout(10_000));
    } catch (err) {
      throw reasonFailure(
        err instanceof PlatformError ? err : new PlatformError(shop.platform, 'unreachable', String(err)),
      );
    }
    return Date.now() - started;
  }

  private adapterFor(shop: ShopRecord): PlatformAdapter {
    const secrets = shop.simulated
      ? this.demo?.secretsFor(shop.platform, shop.shopId)
      : this.shops.openSecrets(shop.id);
    if (!secrets)
      throw new ApiFailure('unavailable', 'simulated shop outside demo mode', {
        key: 'orders:reason.simulated_off',
      });
    // A refreshed pair is sealed and stored before the adapter uses it (simulated shops keep theirs in memory).
    const keeper = {
      save: (t: { accessToken: string; refreshToken: string }) => {
        if (!shop.simulated) this.shops.saveTokens(shop.id, t);
      },
    };
    return createAdapter(shop, secrets, keeper);
  }

  private startShop(shop: ShopRecord): void {
    if (!shop.enabled || (shop.simulated && !this.demo)) {
      this.parked.set(shop.id, parkedStatus(shop.id, 'disabled', null));
      return;
    }
    let adapter: PlatformAdapter;
    try {
      adapter = this.adapterFor(shop);
    } catch (err) {
      this.log.warn('shop cannot sync', { shop: shop.id, reason: (err as Error).message });
      this.parked.set(shop.id, parkedStatus(shop.id, 'error', 'no_credentials'));
      return;
    }
    const limits = RATE_LIMITS[shop.platform];
    const appKey = `${shop.platform}:${shop.appKey}`;
    let appBucket = this.appBuckets.get(appKey);
    if (!appBucket) this.appBuckets.set(appKey, (appBucket = new TokenBucket(limits.app)));
    const sync = new ShopSync({
      shop: shop.id,
      adapter,
      live: this.ledger,
      cursors: this.cursors!,
      buckets: [appBucket, new TokenBucket(limits.shop)],
      log: this.ctx.logs.logger(`orders:${shop.platform}`),
      timing: { ...(shop.simulated ? DEMO_TIMING : {}), ...this.options.timing },
      disk: this.ctx.disk,
      onStatus: (s) => {
        this.ctx.events.emit('shops.statusChanged', s);
        this.updatePill();
      },
    });
    this.syncs.set(shop.id, sync);
    sync.start();
  }

  private updatePill(): void {
    const shops = this.shopStore?.list() ?? [];
    const active = shops.filter((s) => s.enabled && (!s.simulated || this.demo));
    if (active.length === 0) return this.ctx.status.set('orders', 'idle', 'status.detail.ordersNone');
    const statuses = active.map((s) => ({ shop: s, status: this.statusOf(s.id) }));
    const failing = statuses.find((s) => s.status.state === 'error');
    const retrying = statuses.find((s) => s.status.state === 'retrying');
    const demo = active.every((s) => s.simulated);
    if (failing)
      return this.ctx.status.set(
        'orders',
        'error',
        `orders:pill.error.${failing.status.errorKind ?? 'server'}`,
        {
          shop: failing.shop.label,
        },
      );
    if (retrying)
      return this.ctx.status.set(
        'orders',
        'warning',
        `orders:pill.retrying.${retrying.status.errorKind ?? 'server'}`,
        {
          shop: retrying.shop.label,
        },
      );
    this.ctx.status.set('orders', 'ok', demo ? 'orders:pill.demo' : 'orders:pill.ok', {
      shops: active.length,
    });
  }
}

const parkedStatus = (
  shop: number,
  state: ShopSyncStatus['state'],
  errorKind: ShopSyncStatus['errorKind'],
): ShopSyncStatus => ({
  shop,
  state,
  lastSuccessAt: null,
  lagMs: null,
  errorKind,
  retryAt: null,
  linesSynced: 0,
  retries: 0,
});

/**
 * Reasons whose status text says the sync is retrying: a test connection retries nothing, so it
 * says "try again" instead (`orders:testReason.<kind>`).
 */
const RETRIED_KINDS: ReadonlySet<string> = new Set(['throttled', 'server', 'malformed']);

/** A failed test connection as a typed API error with the reason's translation key. */
export function reasonFailure(e: PlatformError): ApiFailure {
  const code =
    e.kind === 'bad_signature' || e.kind === 'token_expired'
      ? 'unauthorized'
      : e.kind === 'no_permission'
        ? 'forbidden'
        : 'unavailable';
  return new ApiFailure(code, `${e.platform}: ${e.kind}`, {
    key: RETRIED_KINDS.has(e.kind) ? `orders:testReason.${e.kind}` : `orders:reason.${e.kind}`,
    params: { platform: e.platform, code: e.detail.platformCode ?? String(e.detail.httpStatus ?? '') },
  });
}
