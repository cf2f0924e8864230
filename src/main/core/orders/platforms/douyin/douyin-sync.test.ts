import { describe, expect, it } from 'vitest';
import type { ScenarioPlatform } from '../../../../../../test-support/orders/sync-scenario';
import { ORDERS_PER_RUN, registerSyncSuite } from '../../../../../../test-support/orders/sync-suite';
import type { DouyinSimulator } from '../../demo/gateways';
import { DouyinAdapter } from '.';
import { DOUYIN_SIMULATOR_CREDENTIALS, startDouyinSimulator } from '../../demo/gateways';
import { expectedDouyinLines } from '../../../../../../test-support/orders/expected-lines';

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

describe('Douyin sync against the simulator', () => {
  const { scenario, syncWith } = registerSyncSuite({
    platform: douyin,
    faults: {
      throttled: { throttleEvery: 3 },
      server: { serverErrorEvery: 4 },
      unreachable: { timeoutEvery: 5 },
      malformed: { malformedJsonEvery: 4 },
    },
    afterCleanDrain: (r) => {
      expect(r.sim.stats.pages).toBeGreaterThan(ORDERS_PER_RUN / 100);
      expect(r.compare().rows).toBeGreaterThan(ORDERS_PER_RUN);
    },
    rotatingRefresh: { saved, simulator: (sim) => sim.tokens },
    wrongSecret: {
      adapter: (sim) =>
        new DouyinAdapter(
          { ...DOUYIN_SIMULATOR_CREDENTIALS, appSecret: 'wrong', signMethod: 'md5' },
          { shopId: sim.shop.shopId, baseUrl: sim.url },
        ),
      refused: (sim) => sim.stats.rejectedSign,
    },
  });

  it('a token refresh with a wrong app secret fails as bad_signature, a permanent reason (token.refresh is signed with the app secret: a wrong one is a bad signature, whose reason names the app secret)', async () => {
    const run = await scenario({}, 5);
    const wrong = new DouyinAdapter(
      { ...DOUYIN_SIMULATOR_CREDENTIALS, appSecret: 'wrong', signMethod: 'md5' },
      { shopId: run.sim.shop.shopId, baseUrl: run.sim.url, clock: run.clock },
    );
    const refused = wrong.refreshToken(AbortSignal.timeout(5000));
    await expect(refused).rejects.toMatchObject({ kind: 'bad_signature' });
    expect((await refused.catch((e: unknown) => e)) as { retryable: boolean }).toMatchObject({
      retryable: false,
    });
  });

  it('refuses pages over 100, a too-long window, and a body that is not canonical', async () => {
    const run = await scenario({}, 5);
    const a = douyin.adapter(run.sim, run.clock);
    const now = run.clock();
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
