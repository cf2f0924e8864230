/**
 * One machine of an event in its own process (tests and bench): a ledger in its own SQLite file
 * with the shared test shelf, simulated shops selling into it, and an EventLink. Driven by JSON
 * commands on stdin, one per line; answers JSON lines on stdout ({ id, ... }). The parent can
 * SIGKILL it at any moment and start it again on the same directory.
 *
 * argv[2]: JSON NodeConfig.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { SyncedPlatform } from '@shared/api/domains/shelf';
import { migrations } from '../../src/main/core/db/migrations';
import { openDatabase } from '../../src/main/core/db/open-database';
import { EventHub } from '../../src/main/core/event-hub';
import { LogHub } from '../../src/main/core/logging/log-hub';
import { LiveLedger } from '../../src/main/core/orders/ledger/live-ledger';
import type { OrderLine } from '../../src/main/core/orders/order-record';
import { OrderGenerator } from '../../src/main/core/orders/demo/order-generator';
import { syntheticItems } from '../../src/main/core/orders/demo/shelf-items';
import { SimulatedShop, type TruthOrder } from '../../src/main/core/orders/demo/simulated-shop';
import { shelfFixture } from '../orders/shelf-fixture';
import { truthToLines } from '../orders/expected-lines';
import { ShelfStore } from '../../src/main/core/shelf/shelf-store';
import { EventLink } from '../../src/main/core/event/event-link';
import type { EventProduct } from '../../src/main/core/event/event-shelf';
import { ledgerDump } from './ledger-dump';

export interface NodeConfig {
  dir: string;
  eventId: string;
  booth: string | null;
  director: boolean;
  url: string;
  user: string;
  pass: string;
  products: number;
  stock: number;
  /** Whether a booth projects the others' orders (see EventLinkOptions.project). */
  project?: boolean;
  /** This booth's shops: platform and shop id; each sells from its own generator. */
  shops: { platform: SyncedPlatform; shopId: string; seed: number }[];
}

const config = JSON.parse(process.argv[2]!) as NodeConfig;
const file = path.join(config.dir, 'studio.db');
const fresh = !fs.existsSync(file);
const fx = fresh
  ? shelfFixture(config.products, ['kuaishou', 'douyin'], { file, stock: config.stock })
  : undefined;
const db = fx?.db ?? openDatabase(file, migrations, new LogHub().logger('event-node')).db;
const events = fx?.events ?? new EventHub();
const shelf = fx?.shelf ?? new ShelfStore(() => db, events);
const items = syntheticItems(config.products);
const ledger = new LiveLedger(db, shelf, events, 0);

const out = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');
const log = new LogHub().logger('event');

/**
 * Each shop's orders: ids continue after the highest this shop's ledger holds, so a booth
 * restarted after a crash sells new orders, never a second copy of an old one.
 */
const shops = config.shops.map((s, i) => {
  const top = db
    .prepare<[string, string], { m: string | null }>(
      'SELECT max(order_id) AS m FROM order_line WHERE platform = ? AND shop_id = ?',
    )
    .get(s.platform, s.shopId)?.m;
  const shop = new SimulatedShop(s.shopId);
  const gen = new OrderGenerator(shop, {
    items,
    ratePerSecond: 1,
    seed: s.seed,
    maxLinesPerOrder: s.platform === 'kuaishou' ? 1 : 3,
    lineIds: s.platform === 'kuaishou' ? 'order' : 'own',
    cancelShare: 0.05,
    refundShare: 0.05,
    payDelayMs: [10, 50],
    refundDelayMs: [100, 200],
    firstOrderId: top ? BigInt(top) + 1n : 2_100_000_000_000_000_001n + BigInt(i) * 10_000_000n,
  });
  return { ...s, shop, gen };
});

const link = new EventLink({
  eventId: config.eventId,
  booth: config.booth,
  director: config.director,
  servers: config.url,
  user: config.user,
  pass: config.pass,
  db,
  ledger,
  log,
  heartbeatMs: 500,
  project: config.project,
  onProjected: (messages, committedAt) => {
    for (const m of messages) lags.push(committedAt - m.at);
  },
  boothState: config.booth
    ? () => ({
        onAir: null,
        onAirSince: null,
        countdownEnd: null,
        showGmvFen: ledger.figures.snapshot(0).totals.gmvFen,
      })
    : undefined,
});
link.start();

const chain = () => ledger.chain();
/** Director: booth commit → this ledger's commit (figures moved), per order version (ms). */
const lags: number[] = [];
const cpuAtStart = process.cpuUsage();
let rssMax = 0;
// memoryUsage.rss(): the RSS alone (memoryUsage() also walks the heap, which showed in booth profiles).
setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage.rss())), 500).unref();

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/**
 * Bench: sells for `seconds` at `rate` new orders per second over this booth's shops on the real
 * clock (ticks every 100 ms; every version an order reaches goes to the ledger), measuring the
 * single-machine lag: delivery to the ledger → its commit (figures moved).
 */
async function run(rate: number, seconds: number) {
  const gens = config.shops.map((s, i) => {
    const top = db
      .prepare<[string, string], { m: string | null }>(
        'SELECT max(order_id) AS m FROM order_line WHERE platform = ? AND shop_id = ?',
      )
      .get(s.platform, s.shopId)?.m;
    const shop = new SimulatedShop(s.shopId);
    const gen = new OrderGenerator(shop, {
      items,
      ratePerSecond: rate / config.shops.length,
      seed: s.seed + 7,
      maxLinesPerOrder: s.platform === 'kuaishou' ? 1 : 3,
      lineIds: s.platform === 'kuaishou' ? 'order' : 'own',
      bursts: { chancePerSecond: 0, factor: 1, durationMs: 0, hotShare: 0 },
      payDelayMs: [200, 3_000],
      refundDelayMs: [2_000, 8_000],
      firstOrderId: top ? BigInt(top) + 1n : 2_200_000_000_000_000_001n + BigInt(i) * 100_000_000n,
    });
    return { platform: s.platform, shop, gen };
  });
  const local: number[] = [];
  const c = chain();
  const t0 = Date.now();
  let last = t0;
  for (const g of gens) g.gen.tick(t0);
  let versions = 0;
  while (Date.now() - t0 < seconds * 1_000) {
    await new Promise((r) => setTimeout(r, 100));
    const now = Date.now();
    for (const g of gens) {
      g.gen.tick(now);
      const changed = g.shop.query('update', last, now + 1);
      const lines = changed.flatMap((o) => truthToLines(g.platform, o));
      if (lines.length === 0) continue;
      versions += changed.length;
      const at = Date.now();
      void c.commit({ lines }).then(() => local.push(Date.now() - at));
    }
    last = now + 1;
  }
  await c.settled();
  const orders = gens.reduce((n, g) => n + g.shop.size, 0);
  return {
    orders,
    versions,
    seconds: (Date.now() - t0) / 1000,
    localP50: pct(local, 50),
    localP99: pct(local, 99),
  };
}
let clock = 1_790_000_000_000;

/** Sells `n` orders in every shop: each order's first version, then every later one (paid, refunds, cancels). */
async function sell(n: number): Promise<number> {
  const c = chain();
  let versions = 0;
  for (const s of shops) {
    const created = s.gen.createOrders(n, (clock += 1_000));
    const first: OrderLine[] = created.flatMap((o) => truthToLines(s.platform, o));
    versions += created.length;
    void c.commit({ lines: first });
    s.gen.settle();
    const later: OrderLine[] = created.flatMap((o: TruthOrder) => {
      const now = s.shop.get(o.orderId)!;
      return now.updatedAt === o.updatedAt ? [] : truthToLines(s.platform, now);
    });
    versions += later.length;
    if (later.length > 0) void c.commit({ lines: later });
  }
  await c.settled();
  if (c.error !== undefined) throw c.error instanceof Error ? c.error : new Error(String(c.error));
  return versions;
}

/** The event shelf once the link is up (commands wait for it, bounded). */
async function eventShelf() {
  for (let i = 0; i < 200; i++) {
    const shelf = link.eventShelf();
    if (shelf) return shelf;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the event link never came up');
}

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (text) => {
  const cmd = JSON.parse(text) as {
    id: number;
    cmd: string;
    n?: number;
    rate?: number;
    seconds?: number;
    product?: EventProduct;
    revision?: number;
    code?: string;
  };
  void (async () => {
    try {
      switch (cmd.cmd) {
        case 'sell':
          out({ id: cmd.id, versions: await sell(cmd.n ?? 1) });
          break;
        case 'run':
          out({ id: cmd.id, ...(await run(cmd.rate!, cmd.seconds!)) });
          break;
        case 'lags': {
          const cpu = process.cpuUsage(cpuAtStart);
          out({
            id: cmd.id,
            count: lags.length,
            p50: pct(lags, 50),
            p99: pct(lags, 99),
            max: lags.reduce((m, x) => Math.max(m, x), 0),
            cpuMs: (cpu.user + cpu.system) / 1000,
            rssMb: Math.max(rssMax, process.memoryUsage.rss()) / 2 ** 20,
          });
          break;
        }
        case 'resetLags':
          lags.length = 0;
          out({ id: cmd.id, cpuMs: ((u) => (u.user + u.system) / 1000)(process.cpuUsage(cpuAtStart)) });
          break;
        case 'status':
          out({ id: cmd.id, ...link.status() });
          break;
        case 'shelfPublish':
          // Director: publishes a product to the event shelf from `revision` (0: new).
          out({ id: cmd.id, revision: await (await eventShelf()).publish(cmd.product!, cmd.revision ?? 0) });
          break;
        case 'shelfRemove':
          await (await eventShelf()).remove(cmd.code!);
          out({ id: cmd.id });
          break;
        case 'product': {
          // This machine's product with that merchant code, and its listings' item ids.
          const row = db
            .prepare<
              [string],
              { id: number; name: string; live: number; stock: number; status: string; county: string }
            >(
              `SELECT id, name_zh AS name, live_price_fen AS live, stock, status, origin_county AS county
               FROM product WHERE outer_sku = ?`,
            )
            .get(cmd.code!);
          const items = row
            ? db
                .prepare<[number], { item_id: string }>(
                  'SELECT item_id FROM platform_listing WHERE product_id = ? ORDER BY item_id',
                )
                .all(row.id)
                .map((r) => r.item_id)
            : [];
          out({ id: cmd.id, product: row ? { ...row, id: undefined, items } : null });
          break;
        }
        case 'dump':
          out({ id: cmd.id, dump: ledgerDump(db, config.eventId) });
          break;
        case 'offline':
          await link.goOffline();
          out({ id: cmd.id });
          break;
        case 'online':
          link.goOnline();
          out({ id: cmd.id });
          break;
        case 'stop':
          await link.stop();
          ledger.close();
          db.close();
          out({ id: cmd.id });
          process.exit(0);
      }
    } catch (err) {
      out({ id: cmd.id, error: String(err instanceof Error ? (err.stack ?? err.message) : err) });
    }
  })();
});
out({ ready: true, pid: process.pid });
