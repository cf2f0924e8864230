import { describe, expect, it } from 'vitest';
import type { ScenarioPlatform } from '../../../../../../test-support/orders/sync-scenario';
import { ORDERS_PER_RUN, registerSyncSuite } from '../../../../../../test-support/orders/sync-suite';
import type { KuaishouSimulator } from '../../demo/gateways';
import { KuaishouAdapter } from '.';
import { KUAISHOU_SIMULATOR_CREDENTIALS, startKuaishouSimulator } from '../../demo/gateways';
import { expectedKuaishouLines } from '../../../../../../test-support/orders/expected-lines';

const saved: { accessToken: string; refreshToken: string }[] = [];
const kuaishou: ScenarioPlatform<KuaishouSimulator> = {
  platform: 'kuaishou',
  generator: { lineIds: 'order', maxLinesPerOrder: 1 },
  startSimulator: (shop, faults, clock) => startKuaishouSimulator(shop, faults, { clock }),
  stopSimulator: (sim) => sim.stop(),
  adapter: (sim, clock) =>
    new KuaishouAdapter(
      { ...KUAISHOU_SIMULATOR_CREDENTIALS, signMethod: 'HMAC_SHA256' },
      { shopId: sim.shop.shopId, baseUrl: sim.url, clock, tokens: { save: (t) => saved.push(t) } },
    ),
  expected: expectedKuaishouLines,
};

describe('Kuaishou sync against the simulator', () => {
  const { scenario } = registerSyncSuite({
    platform: kuaishou,
    faults: {
      throttled: { throttleEvery: 3 },
      server: { serverErrorEvery: 4 },
      unreachable: { timeoutEvery: 5 },
      malformed: { malformedJsonEvery: 4 },
    },
    afterCleanDrain: (r) => expect(r.sim.stats.pages).toBeGreaterThan(ORDERS_PER_RUN / 50),
    rotatingRefresh: { saved, simulator: (sim) => sim.tokens },
    wrongSecret: {
      adapter: (sim) =>
        new KuaishouAdapter(
          { ...KUAISHOU_SIMULATOR_CREDENTIALS, signSecret: 'wrong', signMethod: 'MD5' },
          { shopId: sim.shop.shopId, baseUrl: sim.url },
        ),
      refused: (sim) => sim.stats.rejectedSign,
    },
  });

  it('a token refresh with a wrong app secret fails as bad_app_secret, a permanent reason (the refresh call sends the app secret itself (no signature): a refusal names the secret)', async () => {
    const run = await scenario({}, 5);
    const wrong = new KuaishouAdapter(
      { ...KUAISHOU_SIMULATOR_CREDENTIALS, appSecret: 'wrong', signMethod: 'MD5' },
      { shopId: run.sim.shop.shopId, baseUrl: run.sim.url, clock: run.clock },
    );
    const refused = wrong.refreshToken(AbortSignal.timeout(5000));
    await expect(refused).rejects.toMatchObject({ kind: 'bad_app_secret' });
    expect((await refused.catch((e: unknown) => e)) as { retryable: boolean }).toMatchObject({
      retryable: false,
    });
  });

  it('refuses a window over 7 days (300004), one older than 90 days (300005) and pages over 50', async () => {
    const run = await scenario({}, 5);
    const a = kuaishou.adapter(run.sim, run.clock);
    const now = run.clock();
    const s = AbortSignal.timeout(2000);
    await expect(
      a.fetchOrderPage(
        { from: now - 8 * 86_400_000, to: now, by: 'update', pageToken: null, pageSize: 50 },
        s,
      ),
    ).rejects.toMatchObject({ kind: 'bad_request', detail: { platformCode: '300004' } });
    await expect(
      a.fetchOrderPage(
        {
          from: now - 95 * 86_400_000,
          to: now - 94 * 86_400_000,
          by: 'update',
          pageToken: null,
          pageSize: 50,
        },
        s,
      ),
    ).rejects.toMatchObject({ kind: 'bad_request', detail: { platformCode: '300005' } });
  });
});
