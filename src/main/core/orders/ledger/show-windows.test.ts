import { afterEach, describe, expect, it } from 'vitest';
import type { SalesFigures } from '@shared/api/domains/orders';
import { ApiFailure } from '@shared/api/errors';
import type { OrderLine } from '../order-record';
import { shelfFixture, type ShelfFixture } from '../../../../../test-support/orders/shelf-fixture';
import { LiveLedger } from './live-ledger';
import { figuresFromDb } from './live-figures';
import { showAt } from './show-windows';

const H = 3_600_000;
const MIN = 60_000;
/** 2026-11-21 22:00 Beijing time (14:00 UTC): the evening show starts; it runs past midnight. */
const OPEN = Date.UTC(2026, 10, 21, 14, 0, 0);
/** 2026-11-22 02:00 Beijing time. */
const CLOSE = OPEN + 4 * H;

let open: { fx: ShelfFixture; live: LiveLedger }[] = [];
afterEach(() => {
  for (const o of open) {
    o.live.close();
    o.fx.db.close();
  }
  open = [];
});

function setup() {
  const fx = shelfFixture(3, ['kuaishou', 'douyin'], { stock: 1000 });
  const live = new LiveLedger(fx.db, fx.shelf, fx.events, 0);
  open.push({ fx, live });
  const show = (title: string, date: string) =>
    Number(
      fx.db
        .prepare(`INSERT INTO show (title, show_date, created_at, updated_at) VALUES (?, ?, 0, 0)`)
        .run(title, date).lastInsertRowid,
    );
  return { fx, live, show };
}

let seq = 0;
function order(fx: ShelfFixture, paidAt: number | null, over: Partial<OrderLine> = {}): OrderLine {
  const item = fx.items[seq % 3]!;
  const id = String(2_100_000_000_000_000_000n + BigInt(++seq));
  return {
    platform: seq % 2 === 0 ? 'kuaishou' : 'douyin',
    shopId: 'shop1',
    orderId: id,
    lineId: id,
    status: paidAt === null ? 'unpaid' : 'paid',
    refundState: 'none',
    itemId: item.itemId,
    skuId: item.skuId,
    outerSku: item.outerSku,
    title: item.title,
    quantity: 2,
    paidFen: 2 * item.unitPriceFen,
    createdAt: (paidAt ?? OPEN) - 30_000,
    paidAt,
    updatedAt: (paidAt ?? OPEN) + 1000,
    raw: '{}',
    ...over,
  };
}

const showOf = (fx: ShelfFixture, l: OrderLine) =>
  fx.db.prepare('SELECT show_id FROM order_line WHERE order_id = ?').pluck().get(l.orderId);

const stripAt = (f: SalesFigures) => ({ ...f, at: 0 });

/** Every aggregate row equals its recount from order_line, and the live figures equal the tables. */
function expectFiguresMatchLines(fx: ShelfFixture, live: LiveLedger) {
  const nonZero = `WHERE lines <> 0 OR units <> 0 OR gmv_fen <> 0 OR refunded_fen <> 0`;
  expect(
    fx.db
      .prepare(
        `SELECT show_id, platform, product_id, minute, lines, units, gmv_fen, refunded_fen FROM sales_minute
         ${nonZero} ORDER BY 1, 2, 3, 4`,
      )
      .all(),
  ).toEqual(
    fx.db
      .prepare(
        `SELECT * FROM (SELECT show_id, platform, coalesce(product_id, 0) AS product_id, minute,
           sum(counted) AS lines, sum(counted * quantity) AS units, sum(counted * paid_fen) AS gmv_fen,
           sum(CASE WHEN refund_state = 'refunded' AND paid_at IS NOT NULL THEN paid_fen ELSE 0 END) AS refunded_fen
         FROM (SELECT *, (status IN ('paid', 'shipped', 'completed') AND refund_state <> 'refunded') AS counted
               FROM order_line)
         GROUP BY 1, 2, 3, 4) ${nonZero} ORDER BY 1, 2, 3, 4`,
      )
      .all(),
  );
  expect(
    fx.db
      .prepare(
        `SELECT show_id, platform, sum(orders) AS orders FROM sales_order_minute GROUP BY 1, 2
         HAVING sum(orders) <> 0 ORDER BY 1, 2`,
      )
      .all(),
  ).toEqual(
    fx.db
      .prepare(
        `SELECT show_id, platform, count(DISTINCT shop_id || ':' || order_id) AS orders FROM order_line
         WHERE status IN ('paid', 'shipped', 'completed') AND refund_state <> 'refunded'
         GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all(),
  );
  expect(stripAt(figuresFromDb(fx.db, fx.shelf, null))).toEqual(stripAt(live.figures.snapshot()));
}

describe('show on-air windows', () => {
  it('showAt: half-open windows, an open one holds everything after its start', () => {
    const w = [
      { showId: 1, from: 100, to: 200 },
      { showId: 2, from: 200, to: 300 },
      { showId: 3, from: 500, to: null },
    ];
    expect([99, 100, 199, 200, 299, 300, 499, 500, 1e15].map((t) => showAt(w, t))).toEqual([
      0, 1, 1, 2, 2, 0, 0, 3, 3,
    ]);
    expect(showAt([], 5)).toBe(0);
  });

  it('orders before, inside and after a window that crosses midnight land right', () => {
    const { fx, live, show } = setup();
    const evening = show('夜场', '2026-11-21');
    // The next Beijing day's show: dated the day the evening show's last hours fall on.
    const nextDay = show('次日专场', '2026-11-22');
    live.setShowWindow(evening, { from: OPEN, to: CLOSE });
    live.setShowWindow(nextDay, { from: CLOSE + 8 * H, to: CLOSE + 10 * H });
    const before = order(fx, OPEN - MIN);
    const first = order(fx, OPEN);
    const beforeMidnight = order(fx, OPEN + 1.5 * H);
    const afterMidnight = order(fx, OPEN + 2.5 * H);
    const lastMs = order(fx, CLOSE - 1);
    const after = order(fx, CLOSE);
    // Created before the show, paid during it: it counts when it was paid.
    const paidLater = order(fx, OPEN + 3 * H, { createdAt: OPEN - 2 * H });
    // Unpaid: its create time decides (and it counts in no figure).
    const unpaidInside = order(fx, null, { createdAt: OPEN + 3 * H });
    const nextDayOrder = order(fx, CLOSE + 9 * H);
    const all = [before, first, beforeMidnight, afterMidnight, lastMs, after, paidLater, unpaidInside];
    live.ingest([...all, nextDayOrder]);
    expect(all.map((l) => showOf(fx, l))).toEqual([
      0,
      evening,
      evening,
      evening,
      evening,
      0,
      evening,
      evening,
    ]);
    expect(showOf(fx, nextDayOrder)).toBe(nextDay);
    const f = figuresFromDb(fx.db, fx.shelf, evening);
    expect(f.totals.orders).toBe(5);
    expect(f.totals.units).toBe(10);
    expect(figuresFromDb(fx.db, fx.shelf, nextDay).totals.orders).toBe(1);
    expectFiguresMatchLines(fx, live);
  });

  it('a version that gets paid moves to the show on air at its pay time', () => {
    const { fx, live, show } = setup();
    const s = show('夜场', '2026-11-21');
    live.setShowWindow(s, { from: OPEN, to: CLOSE });
    const unpaid = order(fx, null, { createdAt: OPEN - H, updatedAt: OPEN - H });
    live.ingest([unpaid]);
    expect(showOf(fx, unpaid)).toBe(0);
    live.ingest([{ ...unpaid, status: 'paid', paidAt: OPEN + MIN, updatedAt: OPEN + MIN }]);
    expect(showOf(fx, unpaid)).toBe(s);
    expect(figuresFromDb(fx.db, fx.shelf, s).totals.orders).toBe(1);
    expectFiguresMatchLines(fx, live);
  });

  it('changing the window re-attributes the lines and recounts the figures in one go', () => {
    const { fx, live, show } = setup();
    const a = show('夜场', '2026-11-21');
    const b = show('次日早场', '2026-11-22');
    live.setShowWindow(a, { from: OPEN, to: CLOSE });
    const lines = Array.from({ length: 40 }, (_, i) => order(fx, OPEN - H + i * 10 * MIN));
    // A refunded line and a multi-line order inside: their cells move too.
    lines.push(order(fx, OPEN + H, { refundState: 'refunded' }));
    const two = order(fx, OPEN + 2 * H);
    lines.push(two, { ...two, lineId: `${two.lineId}-2`, quantity: 1 });
    live.ingest(lines);
    expectFiguresMatchLines(fx, live);
    const inA = () =>
      fx.db.prepare<[number], number>('SELECT count(*) FROM order_line WHERE show_id = ?').pluck().get(a)!;
    const before = inA();

    // The show really started 30 minutes late and ran an hour over, past 03:00 Beijing time.
    const moved = live.setShowWindow(a, { from: OPEN + 30 * MIN, to: CLOSE + H });
    expect(moved.moved).toBeGreaterThan(0);
    expect(inA()).toBe(before - 3 + 6);
    for (const l of lines) {
      const t = l.paidAt!;
      expect(showOf(fx, l)).toBe(t >= OPEN + 30 * MIN && t < CLOSE + H ? a : 0);
    }
    expectFiguresMatchLines(fx, live);

    // Another show cannot take part of it: refused, naming the show, and nothing changes.
    const snapshot = fx.db.prepare('SELECT * FROM sales_minute ORDER BY 1, 2, 3, 4').all();
    let err: unknown;
    try {
      live.setShowWindow(b, { from: CLOSE, to: CLOSE + 2 * H });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiFailure);
    expect((err as ApiFailure).code).toBe('conflict');
    expect((err as ApiFailure).extra.key).toBe('showday:showWindow.errors.overlap');
    expect(fx.db.prepare('SELECT on_air_from FROM show WHERE id = ?').pluck().get(b)).toBeNull();
    expect(fx.db.prepare('SELECT * FROM sales_minute ORDER BY 1, 2, 3, 4').all()).toEqual(snapshot);

    // A window that ends before it starts is refused with its own reason.
    expect(() => live.setShowWindow(b, { from: CLOSE + 3 * H, to: CLOSE + 2 * H })).toThrow(/ends before/);

    // Clearing the window gives every line back to "no show".
    live.setShowWindow(a, null);
    expect(inA()).toBe(0);
    expect(figuresFromDb(fx.db, fx.shelf, a).totals.orders).toBe(0);
    expectFiguresMatchLines(fx, live);
  });

  it("event mode: other booths' lines (projected, remote) count in everything but no show of this studio, also after a window change", async () => {
    const { fx, live, show } = setup();
    const a = show('夜场', '2026-11-21');
    live.setShowWindow(a, { from: OPEN, to: CLOSE });
    const own = [order(fx, OPEN + H), order(fx, OPEN + 2 * H)];
    live.ingest(own);
    // Another booth's sales paid during this studio's show, projected from the event's stream.
    const theirs = [
      order(fx, OPEN + H, { shopId: 'b2-shop' }),
      order(fx, OPEN + 3 * H, { shopId: 'b2-shop' }),
    ];
    await live.ingestRemote(theirs);
    const showOrders = () => figuresFromDb(fx.db, fx.shelf, a).totals.orders;
    expect(own.map((l) => showOf(fx, l))).toEqual([a, a]);
    expect(theirs.map((l) => showOf(fx, l))).toEqual([0, 0]);
    expect(showOrders()).toBe(2);
    // The event's figures (everything this ledger holds) count all four.
    expect(live.figures.snapshot().totals.orders).toBe(4);
    expectFiguresMatchLines(fx, live);
    // A window change re-attributes this studio's lines only.
    live.setShowWindow(a, { from: OPEN - H, to: CLOSE + H });
    expect(theirs.map((l) => showOf(fx, l))).toEqual([0, 0]);
    expect(showOrders()).toBe(2);
    // A later version of a remote line (refund requested) stays out of the show too.
    await live.ingestRemote([{ ...theirs[0]!, refundState: 'requested', updatedAt: OPEN + 4 * H }]);
    expect(showOf(fx, theirs[0]!)).toBe(0);
    expect(showOrders()).toBe(2);
    expectFiguresMatchLines(fx, live);
  });

  it('starting a show while another is on air closes the other one at that moment', () => {
    const { fx, live, show } = setup();
    const a = show('上午场', '2026-11-21');
    const b = show('下午场', '2026-11-21');
    live.setShowWindow(a, { from: OPEN, to: null });
    const early = order(fx, OPEN + H);
    const late = order(fx, OPEN + 3 * H);
    live.ingest([early, late]);
    expect([showOf(fx, early), showOf(fx, late)]).toEqual([a, a]);
    const change = live.setShowWindow(b, { from: OPEN + 2 * H, to: null }, OPEN + 2 * H);
    expect(change.closed).toEqual([{ showId: a, from: OPEN, to: OPEN + 2 * H }]);
    expect([showOf(fx, early), showOf(fx, late)]).toEqual([a, b]);
    expectFiguresMatchLines(fx, live);
    // Without that permission an open window in the way is a conflict.
    const c = show('晚场', '2026-11-21');
    expect(() => live.setShowWindow(c, { from: OPEN + 5 * H, to: null })).toThrow(/overlaps show/);
  });
});
