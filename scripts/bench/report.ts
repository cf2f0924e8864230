/**
 * bench:report — the post-show report's airtime join at the Hotan event's scale: 330,000 order
 * lines over 263 cues in six hours. Compares the studio's join (intervals in an indexed temporary
 * table, one scan of the order lines) with the naive join (intervals from json_each, no index)
 * on the same data in the same run.
 */
import type Database from 'better-sqlite3';
import { migrations } from '../../src/main/core/db/migrations';
import { openDatabase } from '../../src/main/core/db/open-database';
import { LogHub } from '../../src/main/core/logging/log-hub';
import { salesDuring } from '../../src/main/core/orders/ledger/sales-during';
import type { AirInterval } from '../../src/main/core/showday/airtime';
import { percentile, printBenchResult, round } from './bench-report';

const ORDERS = 330_000;
const CUES = 263;
const SHOW_MS = 6 * 3_600_000;
const RUNS = 5;

const { db } = openDatabase(':memory:', migrations, new LogHub({ sink: () => undefined }).logger('bench'));
const T0 = Date.UTC(2026, 10, 21, 4);
const insert = db.prepare(
  `INSERT INTO order_line (platform, shop_id, order_id, line_id, status, refund_state, item_id, sku_id, outer_sku,
     title, quantity, paid_fen, created_at, paid_at, updated_at, product_id, show_id, minute, received_at)
   VALUES ('kuaishou', 's', ?, ?, ?, 'none', 'i', 'k', '', 't', ?, ?, ?, ?, ?, ?, 1, 0, 0)`,
);
db.transaction(() => {
  for (let i = 0; i < ORDERS; i++) {
    const t = T0 + Math.floor((i * SHOW_MS) / ORDERS);
    const status = i % 20 === 0 ? 'cancelled' : 'paid';
    insert.run(
      String(i),
      String(i),
      status,
      1 + (i % 3),
      1990 * (1 + (i % 3)),
      t,
      t,
      t,
      1 + ((i * 7) % CUES),
    );
  }
})();
const per = Math.floor(SHOW_MS / CUES);
const intervals: AirInterval[] = Array.from({ length: CUES }, (_, k) => ({
  slotId: k + 1,
  productId: k + 1,
  presenter: '',
  start: T0 + k * per,
  end: T0 + (k + 1) * per,
}));

function naive(d: Database.Database) {
  return d
    .prepare<[string, number], { i: number; units: number; gmv: number }>(
      `WITH iv AS (SELECT key AS i, json_extract(value, '$[0]') AS product_id, json_extract(value, '$[1]') AS start,
                          json_extract(value, '$[2]') AS stop FROM json_each(?))
       SELECT iv.i AS i, sum(o.quantity) AS units, sum(o.paid_fen) AS gmv
       FROM iv JOIN order_line o ON o.product_id = iv.product_id
        AND coalesce(o.paid_at, o.created_at) >= iv.start AND coalesce(o.paid_at, o.created_at) < iv.stop
       WHERE o.show_id = ? AND o.status IN ('paid', 'shipped', 'completed') AND o.refund_state <> 'refunded'
       GROUP BY iv.i`,
    )
    .all(JSON.stringify(intervals.map((v) => [v.productId, v.start, v.end])), 1);
}

const time = (fn: () => unknown) => {
  const s = performance.now();
  const out = fn();
  return { ms: performance.now() - s, out };
};
const studio: number[] = [];
const baseline: number[] = [];
let unitsStudio = 0;
let unitsNaive = 0;
for (let r = 0; r < RUNS; r++) {
  const a = time(() => salesDuring(db, 1, intervals));
  studio.push(a.ms);
  unitsStudio = (a.out as { units: number }[]).reduce((s, x) => s + x.units, 0);
  // The naive join takes the better part of a minute: measure it once.
  if (r > 0) continue;
  const b = time(() => naive(db));
  baseline.push(b.ms);
  unitsNaive = (b.out as { units: number }[]).reduce((s, x) => s + x.units, 0);
}
if (unitsStudio !== unitsNaive) throw new Error(`joins disagree: ${unitsStudio} vs ${unitsNaive} units`);
const p50 = percentile(studio, 50);
const naiveP50 = percentile(baseline, 50);
console.log(`${ORDERS} order lines, ${CUES} cues: units on air ${unitsStudio}`);
console.log(
  `studio join p50 ${round(p50, 1)} ms (${RUNS} runs) · naive json_each join ${round(naiveP50, 1)} ms (1 run)`,
);
printBenchResult({
  bench: 'report',
  orders: ORDERS,
  cues: CUES,
  p50_ms: round(p50, 1),
  naive_p50_ms: round(naiveP50, 1),
  speedup: round(naiveP50 / p50, 1),
});
db.close();
