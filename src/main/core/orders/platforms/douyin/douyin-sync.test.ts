import { afterEach, describe, expect, it } from 'vitest';
import type { FaultPlan } from '../../simulator/simulated-shop';
import { syncScenario, type ScenarioPlatform, type ScenarioRun } from '../../testing/sync-scenario';
import type { DouyinSimulator } from '.';
import { expectedDouyinLines, DOUYIN_SIMULATOR_CREDENTIALS, DouyinAdapter, startDouyinSimulator } from '.';

const saved: { accessToken: string; refreshToken: string }[] = [];
const douyin: ScenarioPlatform<DouyinSimulator> = {
  platform: 'douyin',
  generator: { lineIds: 'own', maxLinesPerOrder: 3 },
  startSimulator: (shop, faults, clock) => startDouyinSimulator(shop, faults, { clock }),
  stopSimulator: (sim) => sim.stop(),
  adapter: (sim, clock) =>
    new DouyinAdapter(
      { ...DOUYIN_SIMULATOR_CREDENTIALS, signMethod: 'hmac-sha256' },
      { shopId: sim.shop.shopId, baseUrl: sim.url, clock, tokens: { save: (t) => saved.push(t) } },
    ),
  expected: expectedDouyinLines,
};

let run: ScenarioRun<DouyinSimulator> | undefined;
afterEach(async () => {
  await run?.close();
  run = undefined;
  saved.length = 0;
});

async function syncWith(faults: FaultPlan, orders = 300) {
  run = await syncScenario(douyin, faults, orders);
  const until = run.shop.all().reduce((m, o) => Math.max(m, o.updatedAt), 0) + 1;
  await run.sync.catchUp(until);
  const c = run.compare();
  expect(c.rows).toBe(c.expected);
  expect(c.mismatched).toEqual([]);
  expect(c.extra).toEqual([]);
  return run;
}

describe('Douyin sync against the simulator', () => {
  it('drains every page of every window: nothing lost, nothing duplicated', async () => {
    const r = await syncWith({});
    expect(r.sim.stats.pages).toBeGreaterThan(300 / 100);
    expect(r.compare().rows).toBeGreaterThan(300);
    expect(r.sync.status.state).toBe('ok');
    expect(r.sync.status.lastSuccessAt).not.toBeNull();
    expect(r.sync.status.linesSynced).toBeGreaterThanOrEqual(300);
  });

  it.each([
    ['throttled', { throttleEvery: 3 }],
    ['server', { serverErrorEvery: 4 }],
    ['unreachable', { timeoutEvery: 5 }],
    ['malformed', { malformedJsonEvery: 4 }],
  ] as const)('retries through %s faults and says so in the status', async (kind, faults) => {
    const r = await syncWith(faults);
    expect(r.statuses.some((s) => s.state === 'retrying' && s.errorKind === kind)).toBe(true);
    expect(r.sync.status.retries).toBeGreaterThan(0);
    expect(r.sync.status.state).toBe('ok');
    expect(r.sync.status.errorKind).toBeNull();
  });

  it('ignores duplicated lines and replayed older versions', async () => {
    const r = await syncWith({ duplicateEvery: 1, staleVersionEvery: 1 });
    expect(r.sim.stats.pages).toBeGreaterThan(0);
  });

  it('refreshes an expired token, persisting each rotated pair before use', async () => {
    const r = await syncWith({ expireTokenAfter: 3 });
    expect(r.sim.tokens.refreshes).toBeGreaterThan(1);
    expect(saved.length).toBe(r.sim.tokens.refreshes);
    expect(saved.at(-1)).toEqual({
      accessToken: r.sim.tokens.accessToken,
      refreshToken: r.sim.tokens.refreshToken,
    });
  });

  it('shares one refresh between concurrent callers (the rotated token is used once)', async () => {
    run = await syncScenario(douyin, {}, 5);
    const adapter = douyin.adapter(run.sim, Date.now);
    const signal = new AbortController().signal;
    await Promise.all([
      adapter.refreshToken!(signal),
      adapter.refreshToken!(signal),
      adapter.refreshToken!(signal),
    ]);
    expect(run.sim.tokens.refreshes).toBe(1);
    expect(saved).toHaveLength(1);
  });

  it('stops with bad_signature when the sign secret is wrong, and counts nothing', async () => {
    run = await syncScenario(douyin, {}, 20);
    const bad = new DouyinAdapter(
      { ...DOUYIN_SIMULATOR_CREDENTIALS, appSecret: 'wrong', signMethod: 'md5' },
      { shopId: run.sim.shop.shopId, baseUrl: run.sim.url },
    );
    await expect(bad.testConnection(AbortSignal.timeout(2000))).rejects.toMatchObject({
      kind: 'bad_signature',
    });
    expect(run.sim.stats.rejectedSign).toBe(1);
  });

  it('refuses pages over 100, a too-long window, and a body that is not canonical', async () => {
    run = await syncScenario(douyin, {}, 5);
    const a = douyin.adapter(run.sim, Date.now);
    const now = Date.now();
    const s = AbortSignal.timeout(2000);
    await expect(
      a.fetchOrderPage(
        { from: now - 8 * 86_400_000, to: now, by: 'update', pageToken: null, pageSize: 100 },
        s,
      ),
    ).rejects.toMatchObject({ kind: 'bad_request' });
    const res = await fetch(
      `${run.sim.url}/order/searchList?app_key=dy_sim_app&method=order.searchList&v=2&sign=x`,
      {
        method: 'POST',
        body: '{ "page": 0 }',
      },
    );
    expect(await res.json()).toMatchObject({ sub_code: 'isv.signature-invalid' });
  });

  it('reads the sub-orders of multi-line orders as separate lines with their own ids', async () => {
    const r = await syncWith({}, 60);
    const multi = r.shop.all().filter((o) => o.lines.length > 1);
    expect(multi.length).toBeGreaterThan(0);
    const ids = r.fx.db.prepare('SELECT line_id FROM order_line WHERE order_id = ?').all(multi[0]!.orderId);
    expect(ids).toHaveLength(multi[0]!.lines.length);
  });
});
