import { afterEach, expect, it } from 'vitest';
import type { OrderLine } from '../../src/main/core/orders/order-record';
import {
  PlatformError,
  type PlatformAdapter,
  type PlatformErrorKind,
} from '../../src/main/core/orders/platform-adapter';
import type { FaultPlan, SimulatedShop, TruthOrder } from '../../src/main/core/orders/demo/simulated-shop';
import { drainWindow, lineKey, type DrainResult } from './drain-window';

/** What the shared fault suite needs from one platform's adapter + simulator pair. */
export interface FaultSuiteSubject {
  setup(
    faults: FaultPlan,
    simOptions?: { qps?: number },
  ): Promise<{
    shop: SimulatedShop;
    window: { from: number; to: number };
    adapter: PlatformAdapter;
    requestCount(): number;
    stop(): Promise<void>;
    /** The operator pasted a new token: the simulator accepts it, the adapter uses it, faults off. */
    renewToken(): void;
  }>;
  expectedLines(order: TruthOrder): Omit<OrderLine, 'raw'>[];
}

export async function kindOf(p: Promise<unknown>): Promise<PlatformErrorKind> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PlatformError) return err.kind;
    throw err;
  }
  throw new Error('expected a PlatformError');
}

/**
 * The acceptance suite every router-style adapter passes against its simulator: a clean drain,
 * every FaultPlan fault, platform throttling, late refunds and an expired token — each time the
 * drained lines (keyed by orderId/lineId, newest kept) equal what the truth says, exactly.
 */
export function registerAdapterFaultSuite(subject: FaultSuiteSubject): void {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(stops.splice(0).map((s) => s()));
  });
  const setup = async (faults: FaultPlan = {}, simOptions: { qps?: number } = {}) => {
    const s = await subject.setup(faults, simOptions);
    stops.push(s.stop);
    return s;
  };
  const sorted = <T extends Pick<OrderLine, 'orderId' | 'lineId'>>(lines: T[]) =>
    lines.sort((a, b) => (lineKey(a) < lineKey(b) ? -1 : 1));
  const expectTruth = (result: DrainResult, shop: SimulatedShop) => {
    const expected = shop.all().flatMap((o) => subject.expectedLines(o));
    expect(expected.length).toBeGreaterThan(50);
    expect(sorted([...result.lines.values()].map(({ raw: _raw, ...rest }) => rest))).toEqual(
      sorted(expected),
    );
  };

  it('drains a window page by page and equals the truth; 19-digit ids intact', async () => {
    const { shop, window, adapter, requestCount } = await setup();
    const result = await drainWindow(adapter, { ...window, pageSize: 7 });
    expectTruth(result, shop);
    expect(result.pages).toBeGreaterThan(5);
    expect(result.retried).toEqual([]);
    expect(requestCount()).toBe(result.pages);
    for (const line of result.lines.values()) {
      expect(line.orderId).toMatch(/^\d{19}$/);
      expect(line.raw).toContain(line.orderId);
    }
  });

  it('loses nothing at window boundaries: back-to-back 7-minute windows cover the truth', async () => {
    const { shop, window, adapter } = await setup();
    // Orders placed right around every boundary, where second-precision windows could drop them.
    const template = shop.all().find((o) => o.status === 'paid' && o.refundState === 'none')!;
    let n = 0n;
    for (let b = window.from + 7 * 60_000; b < window.to; b += 7 * 60_000) {
      for (const off of [-1000, -1, 0, 1, 999]) {
        const at = b + off;
        n++;
        shop.put({
          ...template,
          orderId: String(9_100_000_000_000_000_000n + n),
          lines: template.lines.map((l, j) => ({
            ...l,
            lineId: String(9_200_000_000_000_000_000n + n * 10n + BigInt(j)),
          })),
          createdAt: at,
          paidAt: at,
          updatedAt: at,
        });
      }
    }
    const merged: DrainResult = { lines: new Map(), pages: 0, linesReceived: 0, retried: [] };
    for (let from = window.from; from < window.to; from += 7 * 60_000) {
      const part = await drainWindow(adapter, {
        from,
        to: Math.min(window.to, from + 7 * 60_000),
        pageSize: 20,
      });
      for (const [k, line] of part.lines) {
        const prev = merged.lines.get(k);
        if (!prev || line.updatedAt >= prev.updatedAt) merged.lines.set(k, line);
      }
    }
    expectTruth(merged, shop);
  });

  it('reconciles by create time too', async () => {
    const { shop, window, adapter } = await setup();
    expectTruth(await drainWindow(adapter, { ...window, by: 'create', pageSize: 50 }), shop);
  });

  it.each<[string, FaultPlan, PlatformErrorKind]>([
    ['throttle', { throttleEvery: 4 }, 'throttled'],
    ['5xx', { serverErrorEvery: 3 }, 'server'],
    ['timeout', { timeoutEvery: 4 }, 'unreachable'],
    ['malformed JSON', { malformedJsonEvery: 3 }, 'malformed'],
  ])('recovers from %s faults with nothing lost or duplicated', async (_name, faults, kind) => {
    const { shop, window, adapter } = await setup(faults);
    const result = await drainWindow(adapter, { ...window, pageSize: 12, callTimeoutMs: 500 });
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
      throttleEvery: 9,
      serverErrorEvery: 7,
      timeoutEvery: 11,
      malformedJsonEvery: 13,
      duplicateEvery: 3,
      staleVersionEvery: 2,
    });
    const result = await drainWindow(adapter, {
      ...window,
      pageSize: 6,
      callTimeoutMs: 500,
      maxAttemptsPerPage: 12,
    });
    expectTruth(result, shop);
  });

  it('throttles like the platform (per-app QPS) and the drain still completes', async () => {
    const { shop, window, adapter, requestCount } = await setup({}, { qps: 5 });
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
      pageSize: 25,
      maxAttemptsPerPage: 20,
      backoffBaseMs: 50,
    });
    expectTruth(result, shop);
    expect(requestCount()).toBeGreaterThan(40);
  });

  it('picks up refunds that arrive after the first sync', async () => {
    const { shop, window, adapter } = await setup();
    const first = await drainWindow(adapter, { ...window, pageSize: 50 });
    const paid = shop.all().find((o) => o.status === 'paid' && o.refundState === 'none')!;
    const later = Date.now() + 2_000;
    shop.put({ ...paid, status: 'cancelled', refundState: 'refunded', updatedAt: later });
    const second = await drainWindow(adapter, {
      from: window.to - 5 * 60_000,
      to: later + 1_000,
      pageSize: 50,
    });
    expect(second.lines.size).toBe(paid.lines.length);
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
    const { shop, window, adapter, renewToken } = await setup({ expireTokenAfter: 2 });
    expect(await kindOf(drainWindow(adapter, { ...window, pageSize: 5 }))).toBe('token_expired');
    renewToken();
    expectTruth(await drainWindow(adapter, { ...window, pageSize: 50 }), shop);
  });
}
