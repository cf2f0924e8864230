import { afterEach, describe, expect, it } from 'vitest';
import type { OrderLine } from '../orders/order-record';
import { LiveLedger } from '../orders/ledger/live-ledger';
import { shelfFixture, type ShelfFixture } from '../../../../test-support/orders/shelf-fixture';
import { SALES_DURING_SQL, salesDuring } from '../orders/ledger/sales-during';
import { airIntervals } from './airtime';
import { CueStore } from './cue-store';
import { buildDashboard } from './dashboard-builder';
import { buildReport } from './report-builder';

// 2026-11-21 20:00 in Beijing: the show's date is 2026-11-21.
const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);
const MIN = 60_000;

let open: { fx: ShelfFixture; live: LiveLedger }[] = [];
afterEach(() => {
  for (const o of open) {
    o.live.close();
    o.fx.db.close();
  }
  open = [];
});

/** Two products; a show with slots A (product 1, 王县长), B (product 2, 李主播), C (product 1, 王县长). */
function setup() {
  const fx = shelfFixture(2, ['kuaishou'], { stock: 1000 });
  const live = new LiveLedger(fx.db, fx.shelf, fx.events, 0);
  open.push({ fx, live });
  const showId = Number(
    fx.db
      .prepare(
        `INSERT INTO show (title, show_date, on_air_from, on_air_to, created_at, updated_at)
         VALUES ('甘肃好物', '2026-11-21', ?, ?, 0, 0)`,
      )
      // On air 2026-11-21 19:00–21:00 Beijing time: the orders below are paid in between.
      .run(T0 - 60 * MIN, T0 + 60 * MIN).lastInsertRowid,
  );
  const slot = fx.db.prepare(
    'INSERT INTO rundown_slot (show_id, position, product_id, presenter_name) VALUES (?, ?, ?, ?) RETURNING id',
  );
  const [p1, p2] = fx.productIds as [number, number];
  const a = (slot.get(showId, 0, p1, '王县长') as { id: number }).id;
  const b = (slot.get(showId, 1, p2, '李主播') as { id: number }).id;
  const c = (slot.get(showId, 2, p1, '王县长') as { id: number }).id;
  const store = new CueStore(fx.db);
  const onAir = (at: number, slotId: number | null, productId: number | null, presenter: string) =>
    store.log({ showId, at, action: 'on_air', slotId, productId, actor: 'studio', detail: { presenter } });
  onAir(T0, a, p1, '王县长');
  onAir(T0 + 4 * MIN, b, p2, '李主播');
  onAir(T0 + 7 * MIN, c, p1, '王县长');
  store.log({
    showId,
    at: T0 + 10 * MIN,
    action: 'end',
    slotId: null,
    productId: null,
    actor: 'operator',
    detail: {},
  });
  return { fx, live, store, showId, p1, p2 };
}

let seq = 1;
function order(fx: ShelfFixture, productIndex: number, over: Partial<OrderLine>): OrderLine {
  const item = fx.items[productIndex]!;
  const id = String(2_100_000_000_000_000_000n + BigInt(seq++));
  return {
    platform: 'kuaishou',
    shopId: 'shop1',
    orderId: id,
    lineId: id,
    status: 'paid',
    refundState: 'none',
    itemId: item.itemId,
    skuId: item.skuId,
    outerSku: item.outerSku,
    title: item.title,
    quantity: 1,
    paidFen: 1000,
    createdAt: T0,
    paidAt: T0,
    updatedAt: T0 + 20 * MIN,
    raw: '{}',
    ...over,
  };
}

describe('airIntervals', () => {
  it('starts an interval at each on-air line and ends it at the next, an empty on-air or the end', () => {
    const { store, showId, p1, p2 } = setup();
    const iv = airIntervals(store.allEntries(showId), T0 + 60 * MIN);
    expect(iv.map((v) => [v.productId, v.start - T0, v.end - T0, v.presenter])).toEqual([
      [p1, 0, 4 * MIN, '王县长'],
      [p2, 4 * MIN, 7 * MIN, '李主播'],
      [p1, 7 * MIN, 10 * MIN, '王县长'],
    ]);
  });

  it('closes a still-open interval at `until`, and a cleared on-air ends it', () => {
    const entry = (id: number, at: number, slotId: number | null) => ({
      id,
      showId: 1,
      at,
      action: 'on_air' as const,
      slotId,
      productId: slotId,
      actor: 'studio',
      detail: {},
    });
    expect(airIntervals([entry(1, 100, 5), entry(2, 300, null), entry(3, 400, 6)], 1000)).toEqual([
      { slotId: 5, productId: 5, presenter: '', start: 100, end: 300 },
      { slotId: 6, productId: 6, presenter: '', start: 400, end: 1000 },
    ]);
  });
});

describe('report: sales per minute of airtime', () => {
  it('joins the on-air log with the ledger by product and paid time, counting only counted lines', () => {
    const { fx, live, store, showId, p1, p2 } = setup();
    live.ingest([
      order(fx, 0, { quantity: 2, paidFen: 2000, paidAt: T0 + 1 * MIN }), // P1 on air: counts
      order(fx, 0, { paidAt: T0 + 5 * MIN }), // P1 sold while P2 is on air: not P1's airtime
      order(fx, 1, { quantity: 3, paidFen: 4500, paidAt: T0 + 4 * MIN }), // P2 at its start: counts
      order(fx, 1, { paidFen: 1500, paidAt: T0 + 7 * MIN }), // P2 at its end (exclusive): not on air
      order(fx, 0, { paidAt: T0 + 8 * MIN, refundState: 'refunded' }), // refunded: never counts
      order(fx, 0, { quantity: 4, paidFen: 4000, status: 'unpaid', paidAt: null, createdAt: T0 + 9 * MIN }),
      order(fx, 0, { paidAt: T0 + 9 * MIN + 59_000, status: 'completed' }), // P1 on air: counts
      order(fx, 0, { quantity: 5, paidFen: 5000, createdAt: T0 - 24 * 60 * MIN, paidAt: T0 + 2 * MIN }), // created the day before, paid on air: counts
      order(fx, 0, { paidAt: T0 + 10 * MIN }), // after the end: not on air
    ]);
    const r = buildReport(fx.db, fx.shelf, store, showId, T0 + 60 * MIN)!;

    // P1: 7 minutes on air (0–4, 7–10), 8 units and ¥80.00 paid then → 8000/7 = 1142.86 → 1143 fen/min.
    // P2: 3 minutes on air (4–7), 3 units and ¥45.00 → 1500 fen/min, 1 unit/min.
    expect(r.airtime).toEqual([
      {
        productId: p2,
        name: fx.items[1]!.title,
        airtimeMs: 3 * MIN,
        unitsOnAir: 3,
        gmvOnAirFen: 4500,
        gmvPerAirMinuteFen: 1500,
        unitsPerAirMinute: 1,
      },
      {
        productId: p1,
        name: fx.items[0]!.title,
        airtimeMs: 7 * MIN,
        unitsOnAir: 8,
        gmvOnAirFen: 8000,
        gmvPerAirMinuteFen: 1143,
        unitsPerAirMinute: 1.14,
      },
    ]);
    expect(r.byPresenter).toEqual([
      { presenter: '王县长', airtimeMs: 7 * MIN, units: 8, gmvFen: 8000 },
      { presenter: '李主播', airtimeMs: 3 * MIN, units: 3, gmvFen: 4500 },
    ]);
    // Totals are the ledger's for the show: seven counted lines (not the refund, the unpaid), the one
    // created the day before included: an order counts in the show on air when it was paid.
    expect(r.totals).toEqual({ orders: 7, units: 14, gmvFen: 16000, refundedFen: 1000 });
    expect(r.startedAt).toBe(T0);
    expect(r.endedAt).toBe(T0 + 10 * MIN);
    expect(r.byPlatform).toEqual([{ platform: 'kuaishou', orders: 7, units: 14, gmvFen: 16000 }]);
    const units = new Map(r.byProduct.map((p) => [p.productId, p.units]));
    expect(units.get(p1)).toBe(10);
    expect(units.get(p2)).toBe(4);
    expect(r.byCity.reduce((s, c) => s + c.gmvFen, 0)).toBe(16000);
    expect(r.perMinute.reduce((s, m) => s + m.units, 0)).toBe(14);
  });

  it('the dashboard shows the same ledger figures, per minute and per shop', () => {
    const { fx, live, showId, p1 } = setup();
    live.ingest([
      order(fx, 0, { quantity: 2, paidFen: 2000, paidAt: T0 + 1 * MIN }),
      order(fx, 0, { paidFen: 1000, paidAt: T0 + 1 * MIN + 30_000 }),
      order(fx, 1, { quantity: 3, paidFen: 4500, paidAt: T0 + 4 * MIN }),
    ]);
    const d = buildDashboard(fx.db, fx.shelf, showId, [], T0 + 5 * MIN);
    expect(d.totals).toEqual({ orders: 3, units: 6, gmvFen: 7500, refundedFen: 0 });
    expect(d.perMinute).toEqual([
      { minute: T0 + 1 * MIN, units: 3, gmvFen: 3000 },
      { minute: T0 + 4 * MIN, units: 3, gmvFen: 4500 },
    ]);
    expect(d.byProduct.find((p) => p.productId === p1)).toMatchObject({ units: 3, gmvFen: 3000 });
    expect(d.viewers).toBeNull();
  });

  it("finds each order line's interval by an index seek, not a scan per cue", () => {
    const { fx, store, showId } = setup();
    salesDuring(fx.db, showId, airIntervals(store.allEntries(showId), T0 + 60 * MIN));
    const plan = fx.db
      .prepare(`EXPLAIN QUERY PLAN ${SALES_DURING_SQL}`)
      .all(showId)
      .map((r) => (r as { detail: string }).detail);
    expect(plan.some((d) => /SEARCH iv USING INDEX on_air_interval_product/.test(d))).toBe(true);
  });

  it('is undefined for a show that does not exist', () => {
    const { fx, store } = setup();
    expect(buildReport(fx.db, fx.shelf, store, 999)).toBeUndefined();
  });
});
