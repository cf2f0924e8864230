import { afterEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '@shared/api/errors';
import { ORDER_LOOKBACK_DAYS } from '@shared/orders/lookback';
import { beijingStartOfDay } from '@shared/time/beijing';
import { DouyinAdapter } from '../platforms/douyin';
import { DOUYIN_SIMULATOR_CREDENTIALS, startDouyinSimulator, type DouyinSimulator } from '../demo/gateways';
import { expectedDouyinLines } from '../../../../../test-support/orders/expected-lines';
import { MAX_LOOKBACK_MS as KUAISHOU_LOOKBACK } from '../platforms/kuaishou/kuaishou-protocol';
import { MAX_LOOKBACK_MS as DOUYIN_LOOKBACK } from '../platforms/douyin/douyin-protocol';
import { JD_MAX_LOOKBACK_MS } from '../platforms/jd/jd-protocol';
import { TAOBAO_MAX_LOOKBACK_MS } from '../platforms/taobao/taobao-protocol';
import {
  syncScenario,
  SCENARIO_T0,
  type ScenarioPlatform,
  type ScenarioRun,
} from '../../../../../test-support/orders/sync-scenario';
import { checkBackfillRange, checkSyncStart } from './backfill';

const DAY = 86_400_000;
/** A fixed "now" for the checks: 2026-11-21 17:30 UTC, already 2026-11-22 01:30 in Beijing. */
const NOW = Date.UTC(2026, 10, 21, 17, 30);

const failure = (f: () => unknown): ApiFailure => {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiFailure) return e;
    throw e;
  }
  throw new Error('no failure');
};

describe('where a new shop starts', () => {
  it('defaults to the start of today in Beijing time, which the UTC date would put a day early', () => {
    expect(beijingStartOfDay(NOW)).toBe(Date.UTC(2026, 10, 21, 16));
    expect(checkSyncStart('douyin', beijingStartOfDay(NOW), NOW)).toBe(Date.UTC(2026, 10, 21, 16));
  });

  it('may reach back as far as the platform keeps orders, not further, and never into the future', () => {
    expect(checkSyncStart('kuaishou', NOW - 89 * DAY, NOW)).toBe(NOW - 89 * DAY);
    const old = failure(() => checkSyncStart('kuaishou', NOW - 91 * DAY, NOW));
    expect(old.code).toBe('bad_request');
    expect(old.extra).toMatchObject({
      key: 'orders:showWindow.errors.syncFromTooOld',
      params: { days: 90, earliest: '2026-08-24 01:31' },
    });
    expect(failure(() => checkSyncStart('jd', NOW + 1, NOW)).extra.key).toBe(
      'orders:showWindow.errors.syncFromFuture',
    );
  });

  it("the lookback table agrees with every adapter's own limit", () => {
    expect({
      kuaishou: KUAISHOU_LOOKBACK,
      douyin: DOUYIN_LOOKBACK,
      jd: JD_MAX_LOOKBACK_MS,
      taobao: TAOBAO_MAX_LOOKBACK_MS,
    }).toEqual(Object.fromEntries(Object.entries(ORDER_LOOKBACK_DAYS).map(([p, d]) => [p, d * DAY])));
  });

  it('a re-read range ends after it starts, at most now, and starts within the lookback', () => {
    expect(checkBackfillRange('taobao', NOW - 2 * DAY, NOW + DAY, NOW)).toEqual({
      from: NOW - 2 * DAY,
      to: NOW,
    });
    expect(failure(() => checkBackfillRange('taobao', NOW - DAY, NOW - DAY, NOW)).extra.key).toBe(
      'orders:showWindow.errors.rangeEmpty',
    );
    expect(failure(() => checkBackfillRange('taobao', NOW - 100 * DAY, NOW, NOW)).extra.key).toBe(
      'orders:showWindow.errors.syncFromTooOld',
    );
  });
});

const douyin: ScenarioPlatform<DouyinSimulator> = {
  platform: 'douyin',
  generator: { lineIds: 'own', maxLinesPerOrder: 3 },
  startSimulator: (shop, faults, clock) => startDouyinSimulator(shop, faults, { clock }),
  stopSimulator: (sim) => sim.stop(),
  adapter: (sim, clock) =>
    new DouyinAdapter(
      { ...DOUYIN_SIMULATOR_CREDENTIALS, signMethod: 'hmac-sha256' },
      { shopId: sim.shop.shopId, baseUrl: sim.url, clock, tokens: { save: () => undefined } },
    ),
  expected: expectedDouyinLines,
};

let run: ScenarioRun<DouyinSimulator> | undefined;
afterEach(async () => {
  await run?.close();
  run = undefined;
});

describe('re-read this range', () => {
  it('backfills a range through the adapter and the ledger, with progress, and again changes nothing', async () => {
    // A shop whose sync never ran: the orders exist only on the platform (with server faults).
    run = await syncScenario(douyin, { serverErrorEvery: 5 }, 400, {
      maxAttempts: 50,
    });
    expect(run.compare().rows).toBe(0);
    // Two windows of the platform's span: the orders were created in the first minute after SCENARIO_T0.
    const span = run.sync.limits.maxWindowMs;
    const range = { from: SCENARIO_T0 + 30_000 - span, to: SCENARIO_T0 + 30_000 + 5 * 60_000 };
    await run.sync.backfill(range);
    const c = run.compare();
    expect(c.expected).toBeGreaterThan(400);
    expect(c.mismatched).toEqual([]);
    expect(c.extra).toEqual([]);
    const progress = run.statuses.map((s) => s.backfill).filter((b) => b !== undefined);
    expect(progress[0]).toMatchObject({ state: 'running', windows: 2, windowsDone: 0, lines: 0 });
    expect(progress.at(-1)).toMatchObject({ state: 'done', windows: 2, windowsDone: 2 });
    // Every stored line was written (an order on the windows' common edge comes twice: same version).
    expect(progress.at(-1)!.lines).toBeGreaterThanOrEqual(c.rows);
    // Retries report too (the gateway fails every fifth call): windows done only go up.
    expect([...new Set(progress.map((p) => p.windowsDone))]).toEqual([0, 1, 2]);

    // Idempotent: the same range again writes nothing new and leaves the ledger as it was.
    const figures = run.live.figures.snapshot(0);
    await run.sync.backfill(range);
    expect(run.statuses.at(-1)!.backfill).toMatchObject({ state: 'done', windowsDone: 2 });
    expect(run.compare()).toEqual(c);
    expect(run.live.figures.snapshot(0)).toEqual(figures);
  });
});
