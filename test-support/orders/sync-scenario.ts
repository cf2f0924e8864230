import type { ShopSyncStatus } from '@shared/api/domains/orders';
import type { SyncedPlatform } from '@shared/api/domains/shelf';
import { LogHub } from '../../src/main/core/logging/log-hub';
import { LiveLedger } from '../../src/main/core/orders/ledger/live-ledger';
import type { OrderLine } from '../../src/main/core/orders/order-record';
import type { PlatformAdapter } from '../../src/main/core/orders/platform-adapter';
import { OrderGenerator, type OrderGeneratorOptions } from '../../src/main/core/orders/demo/order-generator';
import {
  SimulatedShop,
  type FaultPlan,
  type TruthOrder,
} from '../../src/main/core/orders/demo/simulated-shop';
import {
  ShopSync,
  type ShopSyncOptions,
  type ShopSyncTiming,
} from '../../src/main/core/orders/sync/shop-sync';
import { SyncCursorStore } from '../../src/main/core/orders/sync/sync-cursor-store';
import { TokenBucket } from '../../src/main/core/orders/sync/token-bucket';
import { shelfFixture, type ShelfFixture } from './shelf-fixture';

export const SCENARIO_T0 = Date.UTC(2026, 10, 21, 4, 0, 0);

export interface ScenarioPlatform<Sim> {
  platform: SyncedPlatform;
  generator: Partial<OrderGeneratorOptions>;
  startSimulator(shop: SimulatedShop, faults: FaultPlan, clock: () => number): Promise<Sim>;
  stopSimulator(sim: Sim): Promise<void>;
  adapter(sim: Sim, clock: () => number): PlatformAdapter;
  /** What the ledger must hold for a truth order, as the platform renders it (its time resolution). */
  expected(o: TruthOrder): Omit<OrderLine, 'raw'>[];
}

export interface ScenarioRun<Sim> {
  fx: ShelfFixture;
  live: LiveLedger;
  sim: Sim;
  shop: SimulatedShop;
  sync: ShopSync;
  statuses: ShopSyncStatus[];
  /** The scenario's clock (the simulator's and the sync's): never mix it with the wall clock. */
  clock: () => number;
  /** Ledger rows vs truth: [missing or different keys, extra keys]. */
  compare(): { mismatched: string[]; extra: string[]; rows: number; expected: number };
  close(): Promise<void>;
}

const FAST: Partial<ShopSyncTiming> = {
  settleLagMs: 0,
  callTimeoutMs: 400,
  backoff: { baseMs: 2, maxMs: 20 },
  maxAttempts: 50,
  initialLookbackMs: 3 * 3_600_000,
};

/** A shop with `orders` truth orders (settled: paid, cancelled, refunded later), a simulator with faults, and a sync. */
export async function syncScenario<Sim>(
  p: ScenarioPlatform<Sim>,
  faults: FaultPlan,
  orders = 300,
  timing: Partial<ShopSyncTiming> = {},
  options: Pick<ShopSyncOptions, 'disk'> = {},
): Promise<ScenarioRun<Sim>> {
  const fx = shelfFixture(6, [p.platform]);
  const shopId = `${p.platform}-shop-1`;
  const shopRow = Number(
    (
      fx.db
        .prepare(
          `INSERT INTO shop (platform, shop_id, label, created_at) VALUES (?, ?, 'test', 0) RETURNING id`,
        )
        .get(p.platform, shopId) as { id: number }
    ).id,
  );
  const shop = new SimulatedShop(shopId);
  const gen = new OrderGenerator(shop, {
    items: fx.items,
    ratePerSecond: 5,
    cancelShare: 0.15,
    refundShare: 0.3,
    seed: 42,
    ...p.generator,
  });
  gen.createOrders(orders, SCENARIO_T0);
  for (let t = 1_000; t < 60_000; t += 1_000) gen.tick(SCENARIO_T0 + t);
  gen.settle();
  const end = Math.max(...shop.all().map((o) => o.updatedAt));
  const clock = () => end + 60_000;
  const sim = await p.startSimulator(shop, faults, clock);
  const live = new LiveLedger(fx.db, fx.shelf, fx.events, 0);
  const statuses: ShopSyncStatus[] = [];
  const sync = new ShopSync({
    shop: shopRow,
    adapter: p.adapter(sim, clock),
    live,
    cursors: new SyncCursorStore(fx.db),
    buckets: [new TokenBucket(10_000, 10_000)],
    log: new LogHub().logger(`orders:${p.platform}`),
    timing: { ...FAST, ...timing },
    clock,
    random: () => 0.5,
    onStatus: (s) => statuses.push(s),
    ...options,
  });
  const compare = () => {
    const rows = fx.db
      .prepare(
        `SELECT platform, shop_id AS shopId, order_id AS orderId, line_id AS lineId, status, refund_state AS refundState,
           item_id AS itemId, sku_id AS skuId, outer_sku AS outerSku, title, quantity, paid_fen AS paidFen,
           created_at AS createdAt, paid_at AS paidAt, updated_at AS updatedAt FROM order_line`,
      )
      .all() as Omit<OrderLine, 'raw'>[];
    const key = (l: { orderId: string; lineId: string }) => `${l.orderId}/${l.lineId}`;
    const stored = new Map(rows.map((r) => [key(r), JSON.stringify(r)]));
    const expected = shop.all().flatMap((o) => p.expected(o));
    const want = new Set(expected.map(key));
    const mismatched = expected.filter((l) => stored.get(key(l)) !== JSON.stringify(l)).map(key);
    const extra = rows.filter((r) => !want.has(key(r))).map(key);
    return { mismatched, extra, rows: rows.length, expected: expected.length };
  };
  return {
    fx,
    live,
    sim,
    shop,
    sync,
    statuses,
    clock,
    compare,
    close: async () => {
      await sync.stop();
      live.close();
      await p.stopSimulator(sim);
      fx.db.close();
    },
  };
}
