import { afterEach, describe, expect, it } from 'vitest';
import type { FaultPlan } from '../../demo/simulated-shop';
import { SimulatedShop } from '../../demo/simulated-shop';
import { kindOf, registerAdapterFaultSuite } from '../../../../../../test-support/orders/adapter-fault-suite';
import { formatBeijingTime } from '../common/beijing-time';
import { drainWindow } from '../../../../../../test-support/orders/drain-window';
import { postSignedForm } from '../common/gateway-call';
import { settledTestShop } from '../../../../../../test-support/orders/test-shop';
import { createTaobaoAdapter, type TaobaoCredentials } from '.';
import {
  startTaobaoSimulator,
  TAOBAO_SIMULATOR_CREDENTIALS,
  type TaobaoSimulator,
} from '../../demo/gateways';
import { expectedTaobaoLines } from '../../../../../../test-support/orders/expected-lines';
import { mapTaobaoTradesResponse } from './taobao-mapping';
import { TAOBAO_API_VERSION, TAOBAO_INCREMENT_GET, TAOBAO_INCREMENT_RESPONSE } from './taobao-protocol';
import { taobaoSign } from './taobao-signing';

async function setup(
  faults: FaultPlan = {},
  simOptions: { qps?: number } = {},
  credentials: TaobaoCredentials = TAOBAO_SIMULATOR_CREDENTIALS,
) {
  const { shop, window } = settledTestShop({ shopId: 'tb-shop-1', lineIds: 'own' });
  const sim = await startTaobaoSimulator(shop, faults, { ...simOptions, banMs: 200 });
  const adapter = createTaobaoAdapter(credentials, { shopId: 'tb-shop-1', baseUrl: sim.url });
  return {
    shop,
    window,
    sim,
    adapter,
    requestCount: () => sim.requestCount,
    stop: () => sim.stop(),
    renewToken: () => {
      sim.renewCredential('fresh-session');
      sim.setFaults({});
      adapter.updateCredentials({ ...credentials, session: 'fresh-session' });
    },
  };
}

describe('Taobao adapter (md5) against the Taobao simulator', () => {
  registerAdapterFaultSuite({ setup, expectedLines: expectedTaobaoLines });
});

describe('Taobao adapter (hmac) against the Taobao simulator', () => {
  registerAdapterFaultSuite({
    setup: (faults, sim) => setup(faults, sim, { ...TAOBAO_SIMULATOR_CREDENTIALS, signMethod: 'hmac' }),
    expectedLines: expectedTaobaoLines,
  });
});

describe('Taobao gateway rules', () => {
  const running: TaobaoSimulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });

  it('rejects wrong secret, app key, session and a skewed clock with the right kinds', async () => {
    const { sim, adapter } = await setup();
    running.push(sim);
    const t = () => AbortSignal.timeout(2000);
    await expect(adapter.testConnection(t())).resolves.toBeUndefined();
    const make = (c: Partial<TaobaoCredentials>, clock?: () => number) =>
      createTaobaoAdapter(
        { ...TAOBAO_SIMULATOR_CREDENTIALS, ...c },
        { shopId: 's', baseUrl: sim.url, clock },
      );
    expect(await kindOf(make({ appSecret: 'wrong' }).testConnection(t()))).toBe('bad_signature');
    expect(await kindOf(make({ appSecret: 'wrong', signMethod: 'hmac' }).testConnection(t()))).toBe(
      'bad_signature',
    );
    expect(await kindOf(make({ appKey: '999' }).testConnection(t()))).toBe('bad_app_key');
    expect(await kindOf(make({ session: 'old' }).testConnection(t()))).toBe('token_expired');
    expect(await kindOf(make({}, () => Date.now() - 11 * 60_000).testConnection(t()))).toBe('bad_request');
  });

  it('queries a window across Beijing midnight as two same-day segments', async () => {
    const midnight = Date.parse('2026-11-21T16:00:00Z'); // 00:00 on 2026-11-22 in Beijing
    const shop = new SimulatedShop('tb-shop-1');
    const order = (id: string, at: number) => ({
      orderId: id,
      shopId: 'tb-shop-1',
      status: 'paid' as const,
      refundState: 'none' as const,
      createdAt: at,
      paidAt: at,
      updatedAt: at,
      lines: [
        {
          lineId: id + '1',
          itemId: '35',
          skuId: '351',
          outerSku: '',
          title: '枸杞',
          quantity: 1,
          unitPriceFen: 990,
          paidFen: 990,
        },
      ],
    });
    shop.put(order('2100000000000000001', midnight - 1_500));
    shop.put(order('2100000000000000002', midnight + 500));
    const clock = () => midnight + 3_600_000;
    const sim = await startTaobaoSimulator(shop, {}, { clock });
    running.push(sim);
    const adapter = createTaobaoAdapter(TAOBAO_SIMULATOR_CREDENTIALS, {
      shopId: 'tb-shop-1',
      baseUrl: sim.url,
      clock,
    });
    const result = await drainWindow(adapter, {
      from: midnight - 3_600_000,
      to: midnight + 3_600_000,
      pageSize: 100,
    });
    expect([...result.lines.values()].map((l) => l.orderId).sort()).toEqual([
      '2100000000000000001',
      '2100000000000000002',
    ]);
    expect(result.pages).toBe(2);
  });

  it('enforces same-day windows and page limits with isv errors (bad_request)', async () => {
    const { sim } = await setup();
    running.push(sim);
    const call = async (business: Record<string, string>) => {
      const params: Record<string, string> = {
        method: TAOBAO_INCREMENT_GET,
        app_key: TAOBAO_SIMULATOR_CREDENTIALS.appKey,
        session: TAOBAO_SIMULATOR_CREDENTIALS.session,
        timestamp: formatBeijingTime(Date.now()),
        v: TAOBAO_API_VERSION,
        format: 'json',
        sign_method: 'md5',
        ...business,
      };
      params['sign'] = taobaoSign(params, TAOBAO_SIMULATOR_CREDENTIALS.appSecret, 'md5');
      const body = await postSignedForm('taobao', sim.endpoint, params, AbortSignal.timeout(2000));
      try {
        mapTaobaoTradesResponse(body, TAOBAO_INCREMENT_RESPONSE, 's');
        return 'ok';
      } catch (err) {
        return (err as { kind: string }).kind;
      }
    };
    const ok = {
      fields: 'tid_str',
      start_modified: '2026-11-21 00:00:00',
      end_modified: '2026-11-21 23:59:59',
      page_no: '1',
      page_size: '100',
      use_has_next: 'true',
    };
    expect(await call(ok)).toBe('ok');
    expect(await call({ ...ok, end_modified: '2026-11-22 00:00:00' })).toBe('bad_request');
    expect(await call({ ...ok, page_size: '101' })).toBe('bad_request');
    expect(await call({ ...ok, page_no: '0' })).toBe('bad_request');
    expect(await call({ ...ok, fields: '' })).toBe('bad_request');
  });
});
