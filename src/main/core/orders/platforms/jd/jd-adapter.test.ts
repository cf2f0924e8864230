import { afterEach, describe, expect, it } from 'vitest';
import type { OrderLine } from '../../order-record';
import { PlatformError, type PlatformErrorKind } from '../../platform-adapter';
import type { FaultPlan, SimulatedShop } from '../../simulator/simulated-shop';
import { formatBeijingTime } from '../router-gateway/beijing-time';
import { drainWindow, lineKey, type DrainResult } from '../router-gateway/drain-window';
import { postSignedForm } from '../router-gateway/gateway-call';
import { settledTestShop } from '../router-gateway/test-shop';
import {
  createJdAdapter,
  expectedJdLines,
  JD_SIMULATOR_CREDENTIALS,
  startJdSimulator,
  type JdSimulator,
} from '.';
import { mapJdSearchResponse } from './jd-mapping';
import { JD_API_VERSION, JD_ORDER_SEARCH } from './jd-protocol';
import { jdSign } from './jd-signing';

const running: JdSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function setup(faults: FaultPlan = {}, simOptions: { qps?: number } = {}) {
  const { shop, gen, window } = settledTestShop({ shopId: 'jd-shop-1', lineIds: 'sku' });
  const sim = await startJdSimulator(shop, faults, simOptions);
  running.push(sim);
  const adapter = createJdAdapter(JD_SIMULATOR_CREDENTIALS, { shopId: 'jd-shop-1', baseUrl: sim.url });
  return { shop, gen, window, sim, adapter };
}

const withoutRaw = (lines: Iterable<OrderLine>) =>
  [...lines].map(({ raw: _raw, ...rest }) => rest).sort((a, b) => (lineKey(a) < lineKey(b) ? -1 : 1));

function expectTruth(result: DrainResult, shop: SimulatedShop) {
  const expected = shop.all().flatMap(expectedJdLines);
  expect(expected.length).toBeGreaterThan(50);
  expect(withoutRaw(result.lines.values())).toEqual(
    expected.sort((a, b) => (lineKey(a) < lineKey(b) ? -1 : 1)),
  );
}

async function kindOf(p: Promise<unknown>): Promise<PlatformErrorKind> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PlatformError) return err.kind;
    throw err;
  }
  throw new Error('expected a PlatformError');
}

describe('JD adapter against the JD simulator', () => {
  it('drains a window page by page and equals the truth; 19-digit ids intact', async () => {
    const { shop, window, adapter, sim } = await setup();
    const result = await drainWindow(adapter, { ...window, pageSize: 7 });
    expectTruth(result, shop);
    expect(result.pages).toBeGreaterThan(5);
    expect(result.retried).toEqual([]);
    const line = [...result.lines.values()][0]!;
    expect(line.orderId).toMatch(/^\d{19}$/);
    expect(line.raw).toContain(`"orderId":${line.orderId}`);
    expect(sim.requestCount).toBe(result.pages);
  });

  it('reconciles by create time too', async () => {
    const { shop, window, adapter } = await setup();
    expectTruth(await drainWindow(adapter, { ...window, by: 'create', pageSize: 50 }), shop);
  });

  it.each<[string, FaultPlan, PlatformErrorKind]>([
    ['throttle', { throttleEvery: 3 }, 'throttled'],
    ['5xx', { serverErrorEvery: 3 }, 'server'],
    ['timeout', { timeoutEvery: 4 }, 'unreachable'],
    ['malformed JSON', { malformedJsonEvery: 3 }, 'malformed'],
  ])('recovers from %s faults with nothing lost or duplicated', async (_name, faults, kind) => {
    const { shop, window, adapter } = await setup(faults);
    const result = await drainWindow(adapter, { ...window, pageSize: 9, callTimeoutMs: 300 });
    expect(result.retried).toContain(kind);
    expectTruth(result, shop);
  });

  it.each<[string, FaultPlan]>([
    ['duplicated', { duplicateEvery: 2 }],
    ['stale (out-of-order)', { staleVersionEvery: 1 }],
  ])('absorbs %s versions', async (_name, faults) => {
    const { shop, window, adapter } = await setup(faults);
    const result = await drainWindow(adapter, { ...window, pageSize: 9 });
    expect(result.linesReceived).toBeGreaterThan(result.lines.size);
    expectTruth(result, shop);
  });

  it('survives every fault at once', async () => {
    const { shop, window, adapter } = await setup({
      throttleEvery: 5,
      serverErrorEvery: 7,
      timeoutEvery: 11,
      malformedJsonEvery: 13,
      duplicateEvery: 3,
      staleVersionEvery: 2,
    });
    const result = await drainWindow(adapter, {
      ...window,
      pageSize: 5,
      callTimeoutMs: 300,
      maxAttemptsPerPage: 12,
    });
    expectTruth(result, shop);
  });

  it('throttles like the platform (per-app QPS) and the drain still completes', async () => {
    const { shop, window, adapter, sim } = await setup({}, { qps: 20 });
    const burst = await Promise.allSettled(
      Array.from({ length: 40 }, () =>
        adapter.fetchOrderPage(
          { ...window, by: 'update', pageToken: null, pageSize: 1 },
          AbortSignal.timeout(2000),
        ),
      ),
    );
    const kinds = burst.map((r) => (r.status === 'rejected' ? (r.reason as PlatformError).kind : 'ok'));
    expect(kinds).toContain('throttled');
    expect(kinds).toContain('ok');
    const result = await drainWindow(adapter, {
      ...window,
      pageSize: 20,
      maxAttemptsPerPage: 20,
      backoffBaseMs: 50,
    });
    expectTruth(result, shop);
    expect(sim.requestCount).toBeGreaterThan(40);
  });

  it('picks up refunds that arrive after the first sync', async () => {
    const { shop, gen, window, adapter } = await setup();
    const first = await drainWindow(adapter, { ...window, pageSize: 50 });
    const paid = shop.all().find((o) => o.status === 'paid' && o.refundState === 'none')!;
    const later = Date.now() + 2_000;
    shop.put({ ...paid, status: 'cancelled', refundState: 'refunded', updatedAt: later });
    expect(gen.pendingTransitions).toBe(0);
    const second = await drainWindow(adapter, {
      from: window.to - 5 * 60_000,
      to: later + 1_000,
      pageSize: 50,
    });
    for (const [k, line] of second.lines) {
      const prev = first.lines.get(k);
      if (!prev || line.updatedAt >= prev.updatedAt) first.lines.set(k, line);
    }
    expectTruth(first, shop);
    const refunded = [...first.lines.values()].filter((l) => l.orderId === paid.orderId);
    expect(refunded.map((l) => [l.status, l.refundState])).toEqual(
      paid.lines.map(() => ['cancelled', 'refunded']),
    );
  });

  it('surfaces an expired token as token_expired, and works again with a renewed one', async () => {
    const { shop, window, adapter, sim } = await setup({ expireTokenAfter: 2 });
    expect(await kindOf(drainWindow(adapter, { ...window, pageSize: 5 }))).toBe('token_expired');
    sim.renewToken('fresh-token');
    adapter.updateCredentials({ ...JD_SIMULATOR_CREDENTIALS, accessToken: 'fresh-token' });
    sim.setFaults({});
    expectTruth(await drainWindow(adapter, { ...window, pageSize: 50 }), shop);
  });

  it('rejects a wrong secret or app key as bad_signature; tests the connection', async () => {
    const { sim, adapter } = await setup();
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
    expect(await kindOf(badKey.testConnection(AbortSignal.timeout(2000)))).toBe('bad_signature');
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
    const { sim } = await setup();
    const url = sim.url;
    await sim.stop();
    const adapter = createJdAdapter(JD_SIMULATOR_CREDENTIALS, { shopId: 's', baseUrl: url });
    expect(await kindOf(adapter.testConnection(AbortSignal.timeout(2000)))).toBe('unreachable');
  });

  it('enforces the window and page-size limits with business errors (bad_request)', async () => {
    const { sim } = await setup();
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
      const body = await postSignedForm('jd', sim.url, params, AbortSignal.timeout(2000));
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
