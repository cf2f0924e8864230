import zlib from 'node:zlib';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SalesFigures } from '@shared/api/domains/orders';
import type { OrderLine } from '../order-record';
import { OrderGenerator } from '../demo/order-generator';
import { SimulatedShop, type TruthOrder } from '../demo/simulated-shop';
import { shelfFixture, type ShelfFixture } from '../../../../../test-support/orders/shelf-fixture';
import { truthToLines } from '../../../../../test-support/orders/expected-lines';
import { GROUP_COMMIT } from './commit-queue';
import { LiveLedger } from './live-ledger';
import { figuresFromDb } from './live-figures';

const T0 = Date.UTC(2026, 10, 21, 4, 0, 0);
let open: { fx: ShelfFixture; live: LiveLedger }[] = [];
afterEach(() => {
  for (const o of open) {
    o.live.close();
    o.fx.db.close();
  }
  open = [];
});

function setup(count = 3, stock = 100) {
  const fx = shelfFixture(count, ['kuaishou', 'douyin'], { stock });
  const live = new LiveLedger(fx.db, fx.shelf, fx.events, 0);
  open.push({ fx, live });
  return { fx, live };
}

function line(fx: ShelfFixture, over: Partial<OrderLine> = {}): OrderLine {
  const item = fx.items[0]!;
  return {
    platform: 'kuaishou',
    shopId: 'shop1',
    orderId: '2100000000000000001',
    lineId: '2100000000000000001',
    status: 'paid',
    refundState: 'none',
    itemId: item.itemId,
    skuId: item.skuId,
    outerSku: item.outerSku,
    title: item.title,
    quantity: 2,
    paidFen: 2 * item.unitPriceFen,
    createdAt: T0,
    paidAt: T0 + 1000,
    updatedAt: T0 + 1000,
    raw: '{}',
    ...over,
  };
}

/**
 * Counts the rows statements read from the product table (any statement prepared from now on
 * whose SQL reads FROM or JOINs `product`).
 */
function countProductRows(db: Database.Database): { rows: number } {
  const counter = { rows: 0 };
  const prepare = db.prepare.bind(db);
  vi.spyOn(db, 'prepare').mockImplementation(((sql: string) => {
    const stmt = prepare(sql);
    if (!/\b(FROM|JOIN)\s+product\b(?!_)/i.test(sql)) return stmt;
    const all = stmt.all.bind(stmt);
    const get = stmt.get.bind(stmt);
    const iterate = stmt.iterate.bind(stmt);
    Object.assign(stmt, {
      all: (...a: unknown[]) => {
        const rows = all(...a);
        counter.rows += rows.length;
        return rows;
      },
      get: (...a: unknown[]) => {
        const row = get(...a);
        if (row !== undefined) counter.rows++;
        return row;
      },
      iterate: function* (...a: unknown[]) {
        for (const row of iterate(...a)) {
          counter.rows++;
          yield row;
        }
      },
    });
    return stmt;
  }) as typeof db.prepare);
  return counter;
}

const countyOf = (live: LiveLedger) => live.figures.snapshot().byCounty.map((c) => c.county);

const stockOf = (fx: ShelfFixture, i = 0) => fx.shelf.getProduct(fx.productIds[i]!)!.stock;
const snapshot = (fx: ShelfFixture) =>
  fx.db.prepare('SELECT * FROM order_line ORDER BY platform, shop_id, order_id, line_id').all();
const stripAt = (f: SalesFigures) => ({ ...f, at: 0 });

describe('LiveLedger', () => {
  it('counts a paid order once, however often it arrives', () => {
    const { fx, live } = setup();
    const figures: SalesFigures[] = [];
    fx.events.on('orders.figuresChanged', (f) => figures.push(f));
    const r1 = live.ingest([line(fx)]);
    expect(r1.written).toBe(1);
    const before = snapshot(fx);
    live.ingest([line(fx)]);
    live.ingest([line(fx), line(fx)]);
    // The same version again only points the line at the newest delivery's raw JSON.
    const again = {
      received_at: expect.any(Number),
      raw_page: expect.any(Number),
      raw_index: expect.any(Number),
    };
    expect(snapshot(fx)).toEqual(before.map((r) => ({ ...(r as object), ...again })));
    const f = live.figures.snapshot();
    expect(f.totals).toEqual({ orders: 1, units: 2, gmvFen: 2 * fx.items[0]!.unitPriceFen, refundedFen: 0 });
    expect(stockOf(fx)).toBe(98);
    expect(stripAt(figuresFromDb(fx.db, fx.shelf, null))).toEqual(stripAt(f));
    expect(figures.length).toBeGreaterThan(0);
  });

  it.each([
    ['ingested at once (packed on this thread)', false],
    ['through a commit chain (packed on the packer thread)', true],
  ])(
    "keeps each order's JSON as received, once per delivery, newest version per order: %s",
    async (_, chained) => {
      const { fx, live } = setup();
      const chain = live.chain();
      const ingest = async (lines: OrderLine[]) => {
        if (chained) await chain.commit({ lines });
        else live.ingest(lines);
      };
      const big = (id: string, status: string) =>
        `{"oid":${id},"status":"${status}","note":"多行\\n备注","pad":"${'x'.repeat(600)}"}`;
      const a = '2100000000000000001';
      const b = '2100000000000000002';
      await ingest([
        line(fx, {
          orderId: a,
          lineId: a,
          status: 'unpaid',
          paidAt: null,
          updatedAt: T0,
          raw: big(a, 'unpaid'),
        }),
        line(fx, { orderId: b, lineId: b, raw: '{\n "oid": 2100000000000000002\n}' }),
      ]);
      expect(live.ledger.rawOf('kuaishou', 'shop1', a)).toBe(big(a, 'unpaid'));
      expect(live.ledger.rawOf('kuaishou', 'shop1', b)).toBe('{  "oid": 2100000000000000002 }');
      await ingest([line(fx, { orderId: a, lineId: a, raw: big(a, 'paid') })]);
      expect(live.ledger.rawOf('kuaishou', 'shop1', a)).toBe(big(a, 'paid'));
      // An older version arriving later is stale: the newest JSON stays.
      await ingest([
        line(fx, { orderId: a, lineId: a, status: 'unpaid', paidAt: null, updatedAt: T0, raw: big(a, 'x') }),
      ]);
      expect(live.ledger.rawOf('kuaishou', 'shop1', a)).toBe(big(a, 'paid'));
      expect(live.ledger.rawOf('kuaishou', 'shop1', '404')).toBeUndefined();
      const pages = fx.db.prepare('SELECT codec, orders FROM order_raw_page ORDER BY id').all();
      expect(pages).toEqual([
        { codec: 'zstd', orders: 2 },
        { codec: 'zstd', orders: 1 },
        { codec: 'zstd', orders: 1 },
      ]);
    },
  );

  it('reads raw pages stored by earlier versions (deflate-raw, uncompressed)', () => {
    const { fx, live } = setup();
    const a = '2100000000000000001';
    const b = '2100000000000000002';
    live.ingest([line(fx, { orderId: a, lineId: a }), line(fx, { orderId: b, lineId: b })]);
    const page = fx.db.prepare(
      `INSERT INTO order_raw_page (platform, shop_id, received_at, codec, orders, body) VALUES ('kuaishou', 'shop1', 0, ?, 2, ?)`,
    );
    const point = fx.db.prepare('UPDATE order_line SET raw_page = ?, raw_index = ? WHERE order_id = ?');
    const text = Buffer.from(`{"oid":${a},"v":"旧"}\n{"oid":${b}}`);
    point.run(page.run('deflate-raw', zlib.deflateRawSync(text)).lastInsertRowid, 1, b);
    point.run(page.run('none', text).lastInsertRowid, 0, a);
    expect(live.ledger.rawOf('kuaishou', 'shop1', a)).toBe(`{"oid":${a},"v":"旧"}`);
    expect(live.ledger.rawOf('kuaishou', 'shop1', b)).toBe(`{"oid":${b}}`);
  });

  it('ignores an older version after a newer one', () => {
    const { fx, live } = setup();
    live.ingest([line(fx, { status: 'cancelled', updatedAt: T0 + 5000 })]);
    const r = live.ingest([line(fx, { status: 'paid', updatedAt: T0 + 1000 })]);
    expect(r.stale).toBe(1);
    expect(r.written).toBe(0);
    const row = fx.db.prepare('SELECT status FROM order_line').get() as { status: string };
    expect(row.status).toBe('cancelled');
    expect(live.figures.snapshot().totals.units).toBe(0);
    expect(stockOf(fx)).toBe(100);
  });

  it('of two versions stamped in the same second, keeps the later stage, whichever arrives last', () => {
    const { fx, live } = setup();
    // Whole-second platforms (Douyin, JD, Taobao): paid, then a refund request, in one second.
    const paid = line(fx, { platform: 'douyin', updatedAt: T0 + 1000 });
    const requested = line(fx, { platform: 'douyin', refundState: 'requested', updatedAt: T0 + 1000 });
    const refunded = line(fx, {
      platform: 'douyin',
      status: 'cancelled',
      refundState: 'refunded',
      updatedAt: T0 + 1000,
    });
    live.ingest([requested]);
    expect(live.ingest([paid]).stale).toBe(1);
    expect(live.ingest([refunded]).written).toBe(1);
    expect(live.ingest([requested]).stale).toBe(1);
    expect(live.ingest([paid]).stale).toBe(1);
    const stored = () =>
      fx.db.prepare('SELECT status, refund_state FROM order_line').all() as {
        status: string;
        refund_state: string;
      }[];
    expect(stored()).toEqual([{ status: 'cancelled', refund_state: 'refunded' }]);
    expect(live.figures.snapshot().totals.units).toBe(0);
    expect(stockOf(fx)).toBe(100);
    // The same version again still replaces (and changes nothing).
    expect(live.ingest([refunded]).written).toBe(1);
    expect(stored()).toEqual([{ status: 'cancelled', refund_state: 'refunded' }]);
  });

  it('takes stock when paid and gives it back on cancellation and refund', () => {
    const { fx, live } = setup();
    live.ingest([line(fx, { status: 'unpaid', paidAt: null, updatedAt: T0 })]);
    expect(stockOf(fx)).toBe(100);
    live.ingest([line(fx)]);
    expect(stockOf(fx)).toBe(98);
    live.ingest([line(fx, { refundState: 'requested', updatedAt: T0 + 2000 })]);
    expect(stockOf(fx)).toBe(98);
    live.ingest([line(fx, { status: 'cancelled', refundState: 'refunded', updatedAt: T0 + 3000 })]);
    expect(stockOf(fx)).toBe(100);
    const f = live.figures.snapshot();
    expect(f.totals).toEqual({ orders: 0, units: 0, gmvFen: 0, refundedFen: 2 * fx.items[0]!.unitPriceFen });
    expect(stripAt(figuresFromDb(fx.db, fx.shelf, null))).toEqual(stripAt(f));

    live.ingest([line(fx, { orderId: '2100000000000000002', lineId: '2100000000000000002', quantity: 1 })]);
    live.ingest([
      line(fx, {
        orderId: '2100000000000000002',
        lineId: '2100000000000000002',
        quantity: 1,
        status: 'cancelled',
        updatedAt: T0 + 9000,
      }),
    ]);
    expect(stockOf(fx)).toBe(100);
  });

  it('announces a product that sells out, as its own (origin ledger) stock move', () => {
    const { fx, live } = setup(2, 3);
    const changed: unknown[] = [];
    fx.events.on('shelf.changed', (e) => changed.push(e));
    live.ingest([line(fx, { quantity: 3 })]);
    expect(stockOf(fx)).toBe(0);
    expect(changed).toEqual([{ productIds: [fx.productIds[0]], origin: 'ledger' }]);
  });

  it('announces stock moves with the figures, after the commit in a turn of their own, at most once per interval, naming every product that moved', () => {
    vi.useFakeTimers({ now: T0, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    try {
      const fx = shelfFixture(3, ['kuaishou', 'douyin'], { stock: 100 });
      const live = new LiveLedger(fx.db, fx.shelf, fx.events, 100);
      open.push({ fx, live });
      const changed: number[][] = [];
      const figures: number[] = [];
      fx.events.on('shelf.changed', (e) => changed.push(e.productIds));
      fx.events.on('orders.figuresChanged', (f) => figures.push(f.totals.units));
      const sale = (n: number, item: number) => {
        const id = String(2100000000000000200n + BigInt(n));
        const it = fx.items[item]!;
        return line(fx, {
          orderId: id,
          lineId: id,
          itemId: it.itemId,
          skuId: it.skuId,
          outerSku: it.outerSku,
          quantity: 1,
        });
      };
      // The first commit publishes in a turn of its own, right after; the next ones within 100 ms
      // wait for one publish.
      live.ingest([sale(1, 0)]);
      expect(changed).toEqual([]);
      expect(figures).toEqual([]);
      vi.advanceTimersByTime(0);
      expect(changed).toEqual([[fx.productIds[0]]]);
      live.ingest([sale(2, 1)]);
      live.ingest([sale(3, 2)]);
      live.ingest([sale(4, 1)]);
      expect(changed).toEqual([[fx.productIds[0]]]);
      expect([stockOf(fx, 0), stockOf(fx, 1), stockOf(fx, 2)]).toEqual([99, 98, 99]);
      vi.advanceTimersByTime(100);
      expect(changed).toEqual([[fx.productIds[0]], [fx.productIds[1], fx.productIds[2]]]);
      expect(figures).toEqual([1, 4]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('queues unmapped SKUs and remembers the operator’s mapping', () => {
    const { fx, live } = setup();
    const stray = {
      itemId: '9900000000000000001',
      skuId: '9900000000000000002',
      outerSku: '',
      title: '礼盒',
    };
    live.ingest([line(fx, { ...stray, quantity: 1, paidFen: 500 })]);
    expect(live.unmapped.list()).toEqual([
      {
        platform: 'kuaishou',
        skuId: stray.skuId,
        itemId: stray.itemId,
        outerSku: '',
        title: '礼盒',
        lines: 1,
        units: 1,
        gmvFen: 500,
      },
    ]);
    expect(live.figures.snapshot().byProduct).toEqual([]);
    expect(live.figures.snapshot().totals.units).toBe(1);

    const moved = live.resolveUnmapped('kuaishou', stray.skuId, fx.productIds[1]!);
    expect(moved).toBe(1);
    expect(live.unmapped.list()).toEqual([]);
    expect(stockOf(fx, 1)).toBe(99);
    expect(live.figures.snapshot().byProduct).toEqual([
      { productId: fx.productIds[1], orders: 1, units: 1, gmvFen: 500 },
    ]);

    live.ingest([
      line(fx, {
        ...stray,
        orderId: '2100000000000000009',
        lineId: '2100000000000000009',
        quantity: 1,
        paidFen: 500,
      }),
    ]);
    expect(live.unmapped.list()).toEqual([]);
    expect(stockOf(fx, 1)).toBe(98);
    expect(stripAt(figuresFromDb(fx.db, fx.shelf, null))).toEqual(stripAt(live.figures.snapshot()));
  });

  it('moves waiting lines to a product the shelf gains later, by the same rules as a new line', () => {
    const { fx, live } = setup();
    const early = {
      itemId: '9900000000000000011',
      skuId: '9900000000000000012',
      outerSku: 'LATE-1',
      title: '晚到的货',
    };
    const other = {
      itemId: '9900000000000000021',
      skuId: '9900000000000000022',
      outerSku: 'NONE',
      title: '别的',
    };
    live.ingest([line(fx, { ...early, quantity: 2, paidFen: 1_000 })]);
    live.ingest([line(fx, { ...other, orderId: '2100000000000000031', lineId: '2100000000000000031' })]);
    expect(
      live.unmapped
        .list()
        .map((u) => u.skuId)
        .sort(),
    ).toEqual([early.skuId, other.skuId]);
    // The catalogue arrives: a product listed on Kuaishou under that merchant code.
    const { id } = fx.db
      .prepare(
        `INSERT INTO product (name_zh, origin_province, origin_city, origin_county, list_price_fen, live_price_fen, stock, status,
           outer_sku, created_at, updated_at) VALUES ('晚到的货', '甘肃省', '天水市', '秦安县', 500, 500, 10, 'ready', 'LATE-1', 1, 1)
         RETURNING id`,
      )
      .get() as { id: number };
    fx.db
      .prepare(
        `INSERT INTO platform_listing (product_id, platform, shop_id, item_id, outer_sku) VALUES (?, 'kuaishou', '', '', 'LATE-1')`,
      )
      .run(id);
    live.shelfChanged([id]);
    expect(live.unmapped.list().map((u) => u.skuId)).toEqual([other.skuId]);
    expect(fx.db.prepare('SELECT stock FROM product WHERE id = ?').pluck().get(id)).toBe(8);
    expect(live.figures.snapshot().byProduct).toContainEqual({
      productId: id,
      orders: 1,
      units: 2,
      gmvFen: 1_000,
    });
    expect(stripAt(figuresFromDb(fx.db, fx.shelf, null))).toEqual(stripAt(live.figures.snapshot()));
    // A later line of it maps at once; nothing was remembered as the operator's mapping.
    live.ingest([
      line(fx, { ...early, orderId: '2100000000000000041', lineId: '2100000000000000041', quantity: 1 }),
    ]);
    expect(fx.db.prepare('SELECT stock FROM product WHERE id = ?').pluck().get(id)).toBe(7);
    expect(fx.db.prepare('SELECT count(*) FROM sku_mapping').pluck().get()).toBe(0);
  });

  it.each([
    ['one transaction per delivery', false],
    ['group commit, deliveries spread over two chains', true],
  ])(
    'keeps in-memory figures equal to the tables through shuffled, duplicated, stale deliveries (%s)',
    async (_, grouped) => {
      // 70 products over two minutes: more aggregate cells than one upsert statement writes.
      const { fx, live } = setup(70, 100_000);
      const shop = new SimulatedShop('shop1');
      const gen = new OrderGenerator(shop, {
        items: fx.items,
        ratePerSecond: 40,
        lineIds: 'own',
        maxLinesPerOrder: 3,
        cancelShare: 0.2,
        refundShare: 0.3,
        seed: 11,
      });
      const versions: TruthOrder[] = [];
      for (let t = 0; t < 60_000; t += 500) {
        gen.tick(T0 + t);
        versions.push(...shop.query('update', T0 + t - 500, T0 + t + 1));
      }
      gen.settle();
      versions.push(...shop.all());
      // Deliver every version seen, in a shuffled order with duplicates: only the newest may win.
      let seed = 5;
      const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const shuffled = [...versions, ...versions.slice(0, 200)].sort(() => rnd() - 0.5);
      const chains = [live.chain(), live.chain()];
      // Transactions the group commit makes at least: deliveries in order, at most GROUP_COMMIT.sliceLines
      // each (the time budget may cut them smaller).
      let slices = 0;
      let sliceLines = 0;
      for (let i = 0; i < shuffled.length; i += 37) {
        const lines = shuffled.slice(i, i + 37).flatMap((o) => truthToLines('douyin', o));
        if (slices === 0 || sliceLines + lines.length > GROUP_COMMIT.sliceLines!)
          [slices, sliceLines] = [slices + 1, 0];
        sliceLines += lines.length;
        if (grouped) void chains[(i / 37) % 2]!.commit({ lines });
        else live.ingest(lines);
      }
      for (const c of chains) await c.settled();
      // Grouped: the backlog (some 16,000 lines) went in slices, not in one long transaction.
      expect(slices).toBeGreaterThan(10);
      if (grouped) expect(live.groupsCommitted).toBeGreaterThanOrEqual(slices);
      else expect(live.groupsCommitted).toBe(Math.ceil(shuffled.length / 37));
      const truth = shop.all().flatMap((o) => truthToLines('douyin', o));
      const rows = fx.db
        .prepare(
          'SELECT order_id, line_id, status, refund_state, quantity, paid_fen, updated_at FROM order_line',
        )
        .all() as {
        order_id: string;
        line_id: string;
        status: string;
        refund_state: string;
        paid_fen: number;
        updated_at: number;
      }[];
      expect(rows.length).toBe(truth.length);
      const byKey = new Map(rows.map((r) => [`${r.order_id}/${r.line_id}`, r]));
      for (const l of truth) {
        const r = byKey.get(`${l.orderId}/${l.lineId}`)!;
        expect([r.status, r.refund_state, r.paid_fen, r.updated_at]).toEqual([
          l.status,
          l.refundState,
          l.paidFen,
          l.updatedAt,
        ]);
      }
      const f = live.figures.snapshot();
      expect(stripAt(figuresFromDb(fx.db, fx.shelf, null))).toEqual(stripAt(f));
      // Every aggregate cell equals its recount from the stored lines.
      const cells = fx.db
        .prepare(
          `SELECT show_id, platform, product_id, minute, lines, units, gmv_fen, refunded_fen FROM sales_minute
           WHERE lines <> 0 OR units <> 0 OR gmv_fen <> 0 OR refunded_fen <> 0 ORDER BY 1, 2, 3, 4`,
        )
        .all();
      expect(cells.length).toBeGreaterThan(64);
      expect(cells).toEqual(
        fx.db
          .prepare(
            `SELECT show_id, platform, coalesce(product_id, 0) AS product_id, minute,
               sum(counted) AS lines, sum(counted * quantity) AS units, sum(counted * paid_fen) AS gmv_fen,
               sum(CASE WHEN refund_state = 'refunded' AND paid_at IS NOT NULL THEN paid_fen ELSE 0 END) AS refunded_fen
             FROM (SELECT *, (status IN ('paid', 'shipped', 'completed') AND refund_state <> 'refunded') AS counted
                   FROM order_line)
             GROUP BY 1, 2, 3, 4
             HAVING lines <> 0 OR units <> 0 OR gmv_fen <> 0 OR refunded_fen <> 0 ORDER BY 1, 2, 3, 4`,
          )
          .all(),
      );
      const counted = truth.filter(
        (l) => ['paid', 'shipped', 'completed'].includes(l.status) && l.refundState !== 'refunded',
      );
      expect(f.totals.units).toBe(counted.reduce((s, l) => s + l.quantity, 0));
      expect(f.totals.orders).toBe(new Set(counted.map((l) => l.orderId)).size);
      fx.productIds.forEach((id, i) => {
        const sold = counted
          .filter((l) => l.skuId === fx.items[i]!.skuId)
          .reduce((s, l) => s + l.quantity, 0);
        expect(stockOf(fx, i)).toBe(100_000 - sold);
        void id;
      });
    },
  );

  it('group commit: a page that cannot be stored fails alone, and its chain writes nothing after it', async () => {
    const { fx, live } = setup();
    const order = (n: number, over: Partial<OrderLine> = {}) => {
      const id = String(2100000000000000100n + BigInt(n));
      return line(fx, { orderId: id, lineId: id, ...over });
    };
    const a = live.chain();
    const b = live.chain();
    const cursor: string[] = [];
    const outcomes = await Promise.allSettled([
      a.commit({ lines: [order(1)], alsoInTransaction: () => cursor.push('a1') }),
      // quantity below zero breaks the table's CHECK: this page cannot be stored
      b.commit({ lines: [order(2), order(3, { quantity: -1 })], alsoInTransaction: () => cursor.push('b1') }),
      b.commit({ lines: [order(4)], alsoInTransaction: () => cursor.push('b2') }),
      a.commit({ lines: [order(5)], alsoInTransaction: () => cursor.push('a2') }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    const stored = fx.db.prepare('SELECT order_id FROM order_line ORDER BY order_id').pluck().all();
    expect(stored).toEqual([order(1).orderId, order(5).orderId]);
    // The group ran a1, then failed on b1 and rolled back; alone, a1 and a2 went in, b1 failed
    // before its cursor update, and b2 never ran: b's cursor cannot move past the page that failed.
    expect(cursor).toEqual(['a1', 'a1', 'a2']);
    expect(live.figures.snapshot().totals.orders).toBe(2);
    expect(stripAt(figuresFromDb(fx.db, fx.shelf, null))).toEqual(stripAt(live.figures.snapshot()));
    expect(stockOf(fx)).toBe(100 - 4);
  });

  it('attributes orders to the show on air at their pay time, and gives per-show and per-minute figures', () => {
    const { fx, live } = setup();
    const showId = (
      fx.db
        .prepare(
          `INSERT INTO show (title, show_date, on_air_from, on_air_to, created_at, updated_at)
           VALUES ('和田专场', '2026-11-21', ?, ?, 0, 0) RETURNING id`,
        )
        .get(T0 - 3_600_000, T0 + 3_600_000) as { id: number }
    ).id;
    live.ingest([line(fx)]);
    // Paid the next day, after the window closed: in no show, so not in this show's figures.
    live.ingest([
      line(fx, {
        orderId: '2100000000000000005',
        lineId: '2100000000000000005',
        createdAt: T0 + 86_400_000,
        paidAt: T0 + 86_401_000,
        updatedAt: T0 + 86_401_000,
      }),
    ]);
    const show = figuresFromDb(fx.db, fx.shelf, showId);
    expect(show.showId).toBe(showId);
    expect(show.totals.orders).toBe(1);
    expect(show.byCounty).toEqual([
      { city: '兰州市', county: '榆中县', units: 2, gmvFen: 2 * fx.items[0]!.unitPriceFen },
    ]);
    expect(live.figures.snapshot().totals.orders).toBe(2);
    expect(live.figures.timeline().map((m) => m.minute)).toEqual([
      Math.floor((T0 + 1000) / 60_000) * 60_000,
      Math.floor((T0 + 86_401_000) / 60_000) * 60_000,
    ]);
  });

  it('on shelf.changed re-reads the origins of the products named, not of the whole shelf', () => {
    const fx = shelfFixture(60, ['kuaishou', 'douyin']);
    const reads = countProductRows(fx.db);
    const live = new LiveLedger(fx.db, fx.shelf, fx.events, 0);
    open.push({ fx, live });
    // As the studio wires it (Studio.wireReactions): not its own stock moves.
    fx.events.on('shelf.changed', ({ productIds, origin }) => {
      if (origin !== 'ledger') live.shelfChanged(productIds);
    });
    live.ingest([line(fx)]);
    expect(countyOf(live)).toEqual(['榆中县']);
    const moveTo = (i: number, county: string) =>
      fx.db.prepare('UPDATE product SET origin_county = ? WHERE id = ?').run(county, fx.productIds[i]!);

    // The product that sells moves county: announced, its figures follow.
    moveTo(0, '皋兰县');
    reads.rows = 0;
    fx.shelf.announceChanged([fx.productIds[0]!]);
    expect(countyOf(live)).toEqual(['皋兰县']);
    expect(reads.rows).toBeLessThanOrEqual(1);

    // An import announcing every product of the shelf: only those with sales are read.
    moveTo(0, '永登县');
    reads.rows = 0;
    fx.shelf.announceChanged(fx.productIds);
    expect(countyOf(live)).toEqual(['永登县']);
    expect(reads.rows).toBeLessThanOrEqual(1);
  });

  it('reads a product’s origin when it first sells, also after the shelf changed', () => {
    const { fx, live } = setup(8);
    fx.db.prepare('UPDATE product SET origin_county = ? WHERE id = ?').run('临洮县', fx.productIds[0]!);
    fx.shelf.announceChanged([fx.productIds[0]!]);
    live.ingest([line(fx)]);
    expect(live.figures.snapshot().byCounty).toEqual([
      { city: '兰州市', county: '临洮县', units: 2, gmvFen: 2 * fx.items[0]!.unitPriceFen },
    ]);
    // Rebuilt from the tables (studio start): the same figures as the database gives.
    live.figures.load();
    expect(stripAt(live.figures.snapshot())).toEqual(stripAt(figuresFromDb(fx.db, fx.shelf, null)));
  });
});
