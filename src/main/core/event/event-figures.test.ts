import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shelfFixture, type ShelfFixture } from '../../../../test-support/orders/shelf-fixture';
import { eventFigures } from './event-figures';

const T0 = Date.UTC(2026, 4, 1, 12);

let fx: ShelfFixture;

/** The figures read in one page (a page as large as any ledger here). */
const wholeRead = (top?: number) =>
  eventFigures(
    fx.db,
    'gansu',
    () => [],
    () => T0,
    () => Promise.resolve(),
    1e9,
    top,
  );

interface Line {
  platform: string;
  shop: string;
  order: string;
  line?: string;
  product: number | null;
  sku?: string;
  title?: string;
  quantity: number;
  paidFen: number;
  status?: string;
  refund?: string;
  show?: number;
}

function addLines(lines: Line[]): void {
  const insert = fx.db.prepare(
    `INSERT INTO order_line (platform, shop_id, order_id, line_id, status, refund_state, item_id, sku_id,
       outer_sku, title, quantity, paid_fen, created_at, paid_at, updated_at, product_id, show_id, minute,
       received_at)
     VALUES (?, ?, ?, ?, ?, ?, 'item', ?, '', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  );
  for (const l of lines)
    insert.run(
      l.platform,
      l.shop,
      l.order,
      l.line ?? 'l1',
      l.status ?? 'paid',
      l.refund ?? 'none',
      l.sku ?? `sku-${l.product}`,
      l.title ?? 'a line title',
      l.quantity,
      l.paidFen,
      T0,
      T0,
      T0,
      l.product,
      l.show ?? 0,
      T0,
    );
}

beforeEach(() => {
  fx = shelfFixture(3, ['kuaishou']);
  const shop = fx.db.prepare(
    `INSERT INTO event_shop (event_id, platform, shop_id, booth) VALUES ('gansu', ?, ?, ?)`,
  );
  shop.run('kuaishou', 's1', 'b1');
  shop.run('douyin', 's2', 'b2');
  shop.run('douyin', 's9', 'b1'); // a booth's second shop
  shop.run('jd', 's1', 'b9'); // another event's booth naming: same shop id, other platform
});
afterEach(() => fx.db.close());

describe('the event figures (every booth together, from the ledger and the shelf)', () => {
  it('counts each order once per slice, only counted lines, and labels by the shelf or the line', async () => {
    const [p0, p1, p2] = fx.productIds as [number, number, number];
    addLines([
      // One order with two products of different counties: one order in each county, one in total.
      { platform: 'kuaishou', shop: 's1', order: 'o1', line: 'a', product: p0, quantity: 2, paidFen: 2_000 },
      { platform: 'kuaishou', shop: 's1', order: 'o1', line: 'b', product: p1, quantity: 1, paidFen: 1_000 },
      {
        platform: 'douyin',
        shop: 's2',
        order: 'o2',
        product: p0,
        quantity: 1,
        paidFen: 1_000,
        status: 'shipped',
      },
      {
        platform: 'douyin',
        shop: 's9',
        order: 'o3',
        product: p2,
        quantity: 3,
        paidFen: 600,
        status: 'completed',
      },
      // Unmapped, and a shop no booth claimed: its SKU and title label it.
      {
        platform: 'jd',
        shop: 's3',
        order: 'o4',
        product: null,
        sku: 'SKU-X',
        title: '神秘',
        quantity: 1,
        paidFen: 500,
      },
      // Not counted: refunded, unpaid, cancelled.
      {
        platform: 'kuaishou',
        shop: 's1',
        order: 'o5',
        product: p2,
        quantity: 9,
        paidFen: 9_000,
        refund: 'refunded',
      },
      {
        platform: 'kuaishou',
        shop: 's1',
        order: 'o6',
        product: p2,
        quantity: 9,
        paidFen: 9_000,
        status: 'unpaid',
      },
      {
        platform: 'kuaishou',
        shop: 's1',
        order: 'o7',
        product: p2,
        quantity: 9,
        paidFen: 9_000,
        status: 'cancelled',
      },
    ]);
    const f = await wholeRead();
    expect(f.totals).toEqual({ orders: 4, units: 8, gmvFen: 5_100 });
    expect(f.byBooth).toEqual([
      { key: 'b1', orders: 2, units: 6, gmvFen: 3_600 },
      { key: 'b2', orders: 1, units: 1, gmvFen: 1_000 },
      { key: '?', orders: 1, units: 1, gmvFen: 500 },
    ]);
    // The fixture's products come from 榆中县, 秦安县 and 安定区 in that order.
    expect(f.byCounty).toEqual([
      { key: '榆中县', orders: 2, units: 3, gmvFen: 3_000 },
      { key: '秦安县', orders: 1, units: 1, gmvFen: 1_000 },
      { key: '安定区', orders: 1, units: 3, gmvFen: 600 },
      { key: '', orders: 1, units: 1, gmvFen: 500 },
    ]);
    expect(f.byCity.map((c) => [c.key, c.orders])).toEqual([
      ['兰州市', 2],
      ['天水市', 1],
      ['定西市', 1],
      ['', 1],
    ]);
    expect(f.byPlatform).toEqual([
      { key: 'kuaishou', orders: 1, units: 3, gmvFen: 3_000 },
      { key: 'douyin', orders: 2, units: 4, gmvFen: 1_600 },
      { key: 'jd', orders: 1, units: 1, gmvFen: 500 },
    ]);
    const [i0, i1, i2] = fx.items as [(typeof fx.items)[0], (typeof fx.items)[0], (typeof fx.items)[0]];
    expect(f.topProducts).toEqual([
      { key: i0.outerSku, name: i0.title, orders: 2, units: 3, gmvFen: 3_000 },
      { key: i1.outerSku, name: i1.title, orders: 1, units: 1, gmvFen: 1_000 },
      { key: i2.outerSku, name: i2.title, orders: 1, units: 3, gmvFen: 600 },
      { key: 'SKU-X', name: '神秘', orders: 1, units: 1, gmvFen: 500 },
    ]);
    expect((await wholeRead(2)).topProducts).toHaveLength(2);
  });

  it('lists slices of equal GMV by key, and nothing sold as zeros', async () => {
    expect(await wholeRead()).toMatchObject({
      totals: { orders: 0, units: 0, gmvFen: 0 },
      byBooth: [],
      topProducts: [],
    });
    addLines([
      { platform: 'taobao', shop: 'z', order: 'o1', product: null, sku: 'b', quantity: 1, paidFen: 100 },
      { platform: 'jd', shop: 'z', order: 'o1', product: null, sku: 'a', quantity: 1, paidFen: 100 },
    ]);
    const f = await wholeRead();
    expect(f.byPlatform.map((p) => p.key)).toEqual(['jd', 'taobao']);
    expect(f.topProducts.map((p) => p.key)).toEqual(['a', 'b']);
  });
  it('read in slices, a page of lines per turn, gives the figures of the whole read; a line changed between pages counts once', async () => {
    const ids = fx.productIds;
    const lines: Line[] = [];
    for (let k = 0; k < 250; k++)
      lines.push({
        platform: ['kuaishou', 'douyin', 'jd'][k % 3]!,
        shop: `s${k % 4}`,
        order: `o${Math.floor(k / 2)}`, // two lines per order
        line: `l${k}`,
        product: k % 7 === 0 ? null : ids[k % ids.length]!,
        sku: `sku${k % 5}`,
        quantity: 1 + (k % 3),
        paidFen: 100 * (1 + (k % 11)),
        status: k % 13 === 0 ? 'cancelled' : 'paid',
      });
    addLines(lines);
    const whole = await wholeRead();
    let turns = 0;
    const sliced = await eventFigures(
      fx.db,
      'gansu',
      () => [],
      () => T0,
      async () => {
        turns++;
        // Written between two pages: a line far ahead of the cursor gets cancelled.
        if (turns === 1) fx.db.exec(`UPDATE order_line SET status = 'cancelled' WHERE line_id = 'l249'`);
      },
      16,
    );
    expect(turns).toBeGreaterThan(10);
    const after = await wholeRead();
    expect(sliced).toEqual(after);
    expect(sliced).not.toEqual(whole);
    expect(sliced.totals.orders).toBeGreaterThan(100);
  });
});
