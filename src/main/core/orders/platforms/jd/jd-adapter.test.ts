import { afterEach, describe, expect, it } from 'vitest';
import type { FaultPlan } from '../../demo/simulated-shop';
import { registerAdapterFaultSuite, kindOf } from '../../../../../../test-support/orders/adapter-fault-suite';
import { formatBeijingTime } from '../common/beijing-time';
import { postSignedForm } from '../common/gateway-call';
import { settledTestShop } from '../../../../../../test-support/orders/test-shop';
import { createJdAdapter } from '.';
import { JD_SIMULATOR_CREDENTIALS, startJdSimulator, type JdSimulator } from '../../demo/gateways';
import { expectedJdLines } from '../../../../../../test-support/orders/expected-lines';
import { mapJdSearchResponse } from './jd-mapping';
import { JD_API_VERSION, JD_ORDER_SEARCH } from './jd-protocol';
import { jdSign } from './jd-signing';

async function setup(faults: FaultPlan = {}, simOptions: { qps?: number } = {}) {
  const { shop, window } = settledTestShop({ shopId: 'jd-shop-1', lineIds: 'sku' });
  const sim = await startJdSimulator(shop, faults, simOptions);
  const adapter = createJdAdapter(JD_SIMULATOR_CREDENTIALS, { shopId: 'jd-shop-1', baseUrl: sim.url });
  return {
    shop,
    window,
    sim,
    adapter,
    requestCount: () => sim.requestCount,
    stop: () => sim.stop(),
    renewToken: () => {
      sim.renewCredential('fresh-token');
      sim.setFaults({});
      adapter.updateCredentials({ ...JD_SIMULATOR_CREDENTIALS, accessToken: 'fresh-token' });
    },
  };
}

describe('JD adapter against the JD simulator', () => {
  registerAdapterFaultSuite({ setup, expectedLines: expectedJdLines });
});

describe('JD gateway rules', () => {
  const running: JdSimulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });
  const start = async () => {
    const s = await setup();
    running.push(s.sim);
    return s;
  };

  it('rejects a wrong secret as bad_signature and a wrong app key as bad_app_key; tests the connection', async () => {
    const { sim, adapter } = await start();
    await expect(adapter.testConnection(AbortSignal.timeout(2000))).resolves.toBeUndefined();
    const badSecret = createJdAdapter(
      { ...JD_SIMULATOR_CREDENTIALS, appSecret: 'wrong' },
      { shopId: 's', baseUrl: sim.url },
    );
    expect(await kindOf(badSecret.testConnection(AbortSignal.timeout(2000)))).toBe('bad_signature');
    const badKey = createJdAdapter(
      { ...JD_SIMULATOR_CREDENTIALS, appKey: 'nope' },
      { shopId: 's', baseUrl: sim.url },
    );
    expect(await kindOf(badKey.testConnection(AbortSignal.timeout(2000)))).toBe('bad_app_key');
    const badToken = createJdAdapter(
      { ...JD_SIMULATOR_CREDENTIALS, accessToken: 'old' },
      { shopId: 's', baseUrl: sim.url },
    );
    expect(await kindOf(badToken.testConnection(AbortSignal.timeout(2000)))).toBe('token_expired');
    const skewed = createJdAdapter(JD_SIMULATOR_CREDENTIALS, {
      shopId: 's',
      baseUrl: sim.url,
      clock: () => Date.now() - 10 * 60_000,
    });
    expect(await kindOf(skewed.testConnection(AbortSignal.timeout(2000)))).toBe('bad_request');
  });

  it('reports a closed port as unreachable', async () => {
    const { sim } = await start();
    const url = sim.url;
    await sim.stop();
    const adapter = createJdAdapter(JD_SIMULATOR_CREDENTIALS, { shopId: 's', baseUrl: url });
    expect(await kindOf(adapter.testConnection(AbortSignal.timeout(2000)))).toBe('unreachable');
  });

  it('enforces the window and page-size limits with business errors (bad_request)', async () => {
    const { sim } = await start();
    const call = async (business: Record<string, string>) => {
      const params: Record<string, string> = {
        method: JD_ORDER_SEARCH,
        app_key: JD_SIMULATOR_CREDENTIALS.appKey,
        access_token: JD_SIMULATOR_CREDENTIALS.accessToken,
        timestamp: formatBeijingTime(Date.now()),
        v: JD_API_VERSION,
        format: 'json',
        sign_method: 'md5',
        '360buy_param_json': JSON.stringify(business),
      };
      params['sign'] = jdSign(params, JD_SIMULATOR_CREDENTIALS.appSecret);
      const body = await postSignedForm('jd', sim.endpoint, params, AbortSignal.timeout(2000));
      return kindOf(Promise.resolve().then(() => mapJdSearchResponse(body, 's')));
    };
    const ok = {
      start_date: '2026-11-01 00:00:00',
      end_date: '2026-11-02 00:00:00',
      optional_fields: 'orderId',
      page: '1',
      page_size: '100',
    };
    await expect(call(ok).catch(() => 'threw')).resolves.toBe('threw'); // kindOf throws when no error: the request is valid
    expect(await call({ ...ok, end_date: '2026-12-02 00:00:01' })).toBe('bad_request');
    expect(await call({ ...ok, page_size: '101' })).toBe('bad_request');
    expect(await call({ ...ok, page: '0' })).toBe('bad_request');
    expect(await call({ ...ok, optional_fields: '' })).toBe('bad_request');
  });
});
