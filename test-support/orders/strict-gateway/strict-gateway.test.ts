import { afterEach, describe, expect, it } from 'vitest';
import { LogHub } from '../../../src/main/core/logging/log-hub';
import { LiveLedger } from '../../../src/main/core/orders/ledger/live-ledger';
import { ShopSync } from '../../../src/main/core/orders/sync/shop-sync';
import { SyncCursorStore } from '../../../src/main/core/orders/sync/sync-cursor-store';
import { TokenBucket } from '../../../src/main/core/orders/sync/token-bucket';
import { shelfFixture } from '../shelf-fixture';
import { strictDouyin } from './douyin';
import { startStrictGateway, type StrictFaults, type StrictProtocol } from './gateway';
import { strictJd } from './jd';
import { strictKuaishou } from './kuaishou';
import { strictTaobao } from './taobao';
import { StrictTruth } from './truth';

/**
 * Each adapter, under the real sync engine and ledger, against a second gateway written from the
 * published description alone (./gateway.ts): several seeds, 300 to 3,000 orders, every signing
 * method the description gives, faults on, updates landing between pages of a drain, then late
 * refunds and cancellations of orders already synced. The ledger must equal the truth on SKU id,
 * quantity, paid fen, status, times, the SKU-level merchant code and (Taobao) refund state, with
 * every 19-digit id exact.
 */
const T0 = Date.UTC(2026, 10, 21, 2, 0, 0); // 10:00 Beijing
const FAULTS: StrictFaults = { serverErrorEvery: 7, cutJsonEvery: 11, hangEvery: 29, throttleEvery: 5 };

interface Run {
  seed: number;
  orders: number;
  signMethod: string;
  faults?: StrictFaults;
  /** Updates that land between pages (each after a page, with probability `midDrainChance`). */
  midDrain: number;
  midDrainChance?: number;
  /** Late refunds and cancellations of already-synced orders, then another drain. */
  late: number;
  /** End with full cycles whose create-time sweep is due. */
  sweep?: boolean;
}

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function syncAgainstStrict(protocol: StrictProtocol, r: Run) {
  const truth = new StrictTruth({
    seed: r.seed,
    orders: r.orders,
    start: T0,
    spanMs: 2 * 3_600_000,
    maxLines: protocol.platform === 'kuaishou' ? 1 : 3,
  });
  let now = truth.lastUpdate + 60_000;
  const clock = () => now;
  let budget = r.midDrain;
  let landed = 0;
  const gateway = await startStrictGateway(protocol, truth, clock, r.faults ?? {}, () => {
    if (budget > 0 && truth.random() < (r.midDrainChance ?? 0.5)) {
      budget--;
      landed++;
      now += 1_000 + Math.floor(truth.random() * 700);
      truth.change(now);
    }
  });
  closers.push(() => gateway.stop());
  const fx = shelfFixture(truth.items.length, [protocol.platform], {
    items: truth.items.map((i) => ({
      itemId: i.itemId,
      skuId: i.skuId,
      outerSku: i.skuCode,
      title: i.title,
      unitPriceFen: i.priceFen,
    })),
  });
  const shopRow = (
    fx.db
      .prepare(
        `INSERT INTO shop (platform, shop_id, label, created_at) VALUES (?, 'strict', 'strict', 0) RETURNING id`,
      )
      .get(protocol.platform) as { id: number }
  ).id;
  const live = new LiveLedger(fx.db, fx.shelf, fx.events, 0);
  const sync = new ShopSync({
    shop: shopRow,
    adapter: protocol.adapter(gateway.origin, r.signMethod, clock),
    live,
    cursors: new SyncCursorStore(fx.db),
    buckets: [new TokenBucket(10_000, 10_000)],
    log: new LogHub().logger(`orders:strict-${protocol.platform}`),
    timing: {
      settleLagMs: 1_000,
      callTimeoutMs: 300,
      backoff: { baseMs: 2, maxMs: 20 },
      maxAttempts: 60,
      initialLookbackMs: now - T0 + 10 * 60_000,
      ...(r.sweep ? { reconcileEveryMs: 0, reconcileSpanMs: 3_600_000 } : {}),
    },
    clock,
    random: () => 0.5,
  });
  closers.push(async () => {
    await sync.stop();
    live.close();
    fx.db.close();
  });

  const drainAll = async () => {
    // Each pass ends at now − lag; updates that landed during it are read by the next. Once the
    // budget of mid-drain updates is spent, one more pass reads the last of them.
    for (let pass = 0; pass < 500; pass++) {
      const last = budget === 0;
      now += 2_000;
      await sync.catchUp(truth.lastUpdate + 1);
      if (last) return;
    }
    throw new Error('mid-drain updates never ran out');
  };
  await drainAll();
  now += 10 * 60_000;
  for (let i = 0; i < r.late; i++) truth.change((now += 1_000));
  budget += Math.floor(r.midDrain / 2);
  await drainAll();
  if (r.sweep)
    for (let i = 0; i < 3; i++) {
      now += 2_000;
      await sync.cycle(new AbortController().signal);
    }

  const rows = fx.db
    .prepare(
      `SELECT order_id AS orderId, line_id AS lineId, status, refund_state AS refundState, sku_id AS skuId,
         outer_sku AS outerSku, quantity, paid_fen AS paidFen, created_at AS createdAt, paid_at AS paidAt,
         updated_at AS updatedAt FROM order_line`,
    )
    .all() as Record<string, unknown>[];
  const expected = [...truth.orders.values()].flatMap((o) => protocol.expected(o));
  const stored = new Map(rows.map((row) => [`${String(row.orderId)}/${String(row.lineId)}`, row]));
  const wrong = expected
    .filter((e) => {
      const row = stored.get(`${e.orderId}/${e.lineId}`);
      return !row || Object.entries(e).some(([k, v]) => row[k] !== v);
    })
    .map((e) => ({ want: e, got: stored.get(`${e.orderId}/${e.lineId}`) ?? 'missing' }));
  return {
    wrong,
    rows: rows.length,
    expected: expected.length,
    gateway,
    landed,
    changes: truth.changes,
    status: sync.status,
  };
}

const PROTOCOLS: [StrictProtocol, number[]][] = [
  [strictKuaishou, [300, 1_200, 3_000]],
  [strictDouyin, [300, 1_200, 3_000]],
  [strictJd(), [300, 1_200, 3_000]],
  [strictTaobao, [300, 1_200, 3_000]],
];

describe.each(PROTOCOLS)('strict $platform gateway (from the published description)', (protocol, sizes) => {
  it.each(
    sizes.map((orders, i) => ({
      orders,
      seed: 11 + i * 17,
      signMethod: protocol.signMethods[i % protocol.signMethods.length]!,
    })),
  )(
    'seed $seed, $orders orders, $signMethod, faults on, mid-drain updates, late refunds: ledger = truth',
    async ({ orders, seed, signMethod }) => {
      const res = await syncAgainstStrict(protocol, {
        seed,
        orders,
        signMethod,
        faults: FAULTS,
        midDrain: 12,
        late: 40,
      });
      expect(res.gateway.refusals).toEqual([]);
      expect(res.landed).toBeGreaterThan(0);
      expect(res.wrong.slice(0, 5)).toEqual([]);
      expect(res.rows).toBe(res.expected);
    },
  );
});

describe('updates landing between the pages of a page-number drain', () => {
  it.each([
    ['douyin md5', strictDouyin, 'md5'],
    ['douyin hmac-sha256', strictDouyin, 'hmac-sha256'],
    ['jd md5', strictJd(), 'md5'],
    ['taobao hmac', strictTaobao, 'hmac'],
  ] as const)('%s: an update after every page loses nothing', async (_name, protocol, signMethod) => {
    const res = await syncAgainstStrict(protocol, {
      seed: 5,
      orders: 1_500,
      signMethod,
      midDrain: 40,
      midDrainChance: 1,
      late: 0,
    });
    expect(res.landed).toBeGreaterThanOrEqual(10);
    expect(res.wrong.slice(0, 5)).toEqual([]);
    expect(res.rows).toBe(res.expected);
  });
});

describe('JD without orderTotal (the description does not name it)', () => {
  it('pages until a short page, and reads every order', async () => {
    const res = await syncAgainstStrict(strictJd({ withoutTotal: true }), {
      seed: 9,
      orders: 700,
      signMethod: 'hmacsha256',
      faults: FAULTS,
      midDrain: 0,
      late: 20,
    });
    expect(res.gateway.refusals).toEqual([]);
    expect(res.wrong.slice(0, 5)).toEqual([]);
    expect(res.rows).toBe(res.expected);
  });
});

describe('Taobao create-time sweep (outside the described API)', () => {
  it('a gateway refusing the sweep turns it off for the shop; the update-time sync goes on', async () => {
    const res = await syncAgainstStrict(strictTaobao, {
      seed: 21,
      orders: 400,
      signMethod: 'md5',
      faults: FAULTS,
      midDrain: 6,
      late: 20,
      sweep: true,
    });
    expect(res.status).toMatchObject({ state: 'ok', errorKind: null, sweepOff: 'method_refused' });
    expect(res.wrong.slice(0, 5)).toEqual([]);
    expect(res.rows).toBe(res.expected);
  });
});
