import { afterEach, expect, it } from 'vitest';
import type { PlatformAdapter, PlatformErrorKind } from '../../src/main/core/orders/platform-adapter';
import type { FaultPlan } from '../../src/main/core/orders/demo/simulated-shop';
import { syncScenario, type ScenarioPlatform, type ScenarioRun } from './sync-scenario';

/** One platform's sync engine + simulator pair, for the suite every platform passes. */
export interface SyncSuiteSubject<Sim> {
  platform: ScenarioPlatform<Sim>;
  /** How often the simulator injects each retryable fault (its pages differ in size and count). */
  faults: Record<Extract<PlatformErrorKind, 'throttled' | 'server' | 'unreachable' | 'malformed'>, FaultPlan>;
  /** Platform-specific checks after a clean drain (pages fetched, sub-orders…). */
  afterCleanDrain?: (run: ScenarioRun<Sim>) => void;
  /**
   * Platforms whose refresh token rotates (Kuaishou, Douyin): the pairs the subject's adapter
   * persisted, oldest first (the suite empties the list after each test), and the simulator's view.
   */
  rotatingRefresh?: {
    saved: TokenPair[];
    simulator: (sim: Sim) => TokenPair & { refreshes: number };
  };
  /** Platforms whose simulator counts refused signatures: an adapter signing with a wrong secret. */
  wrongSecret?: { adapter: (sim: Sim) => PlatformAdapter; refused: (sim: Sim) => number };
}

interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export const ORDERS_PER_RUN = 300;

/** The newest update time in the simulator's truth, plus one: a catch-up target that covers it. */
export const truthHorizon = <Sim>(r: ScenarioRun<Sim>): number =>
  r.shop.all().reduce((m, o) => Math.max(m, o.updatedAt), 0) + 1;

/** The ledger equals the simulator's truth as the platform can express it: every line, no more. */
export function expectLedgerEqualsTruth<Sim>(r: ScenarioRun<Sim>): void {
  const c = r.compare();
  expect(c.expected).toBeGreaterThanOrEqual(ORDERS_PER_RUN);
  expect(c.rows).toBe(c.expected);
  expect(c.mismatched).toEqual([]);
  expect(c.extra).toEqual([]);
}

/**
 * Registers the tests every platform's sync passes against its simulator (a clean drain, every
 * retryable fault, duplicates and replayed versions), each ending with the ledger equal to the
 * truth. Returns a way to start a run that the suite closes after the test, for the platform's own tests.
 */
export function registerSyncSuite<Sim>(subject: SyncSuiteSubject<Sim>): {
  scenario: (faults: FaultPlan, orders?: number) => Promise<ScenarioRun<Sim>>;
  syncWith: (faults: FaultPlan, orders?: number) => Promise<ScenarioRun<Sim>>;
} {
  let run: ScenarioRun<Sim> | undefined;
  afterEach(async () => {
    await run?.close();
    run = undefined;
    if (subject.rotatingRefresh) subject.rotatingRefresh.saved.length = 0;
  });
  const scenario = async (faults: FaultPlan, orders = ORDERS_PER_RUN) =>
    (run = await syncScenario(subject.platform, faults, orders));
  const syncWith = async (faults: FaultPlan, orders = ORDERS_PER_RUN) => {
    const r = await scenario(faults, orders);
    await r.sync.catchUp(truthHorizon(r));
    expectLedgerEqualsTruth(r);
    return r;
  };

  it('drains every page of every window: nothing lost, nothing duplicated', async () => {
    const r = await syncWith({});
    expect(r.sync.status.state).toBe('ok');
    expect(r.sync.status.lastSuccessAt).not.toBeNull();
    expect(r.sync.status.linesSynced).toBeGreaterThanOrEqual(ORDERS_PER_RUN);
    subject.afterCleanDrain?.(r);
  });

  it.each(Object.entries(subject.faults))(
    'retries through %s faults and says so in the status',
    async (kind, faults) => {
      const r = await syncWith(faults);
      expect(r.statuses.some((s) => s.state === 'retrying' && s.errorKind === kind)).toBe(true);
      expect(r.sync.status.retries).toBeGreaterThan(0);
      expect(r.sync.status.state).toBe('ok');
      expect(r.sync.status.errorKind).toBeNull();
    },
  );

  it('ignores duplicated orders and replayed older versions', async () => {
    await syncWith({ duplicateEvery: 1, staleVersionEvery: 1 });
  });

  const refresh = subject.rotatingRefresh;
  if (refresh) {
    it('refreshes an expired token, persisting each rotated pair before use', async () => {
      const r = await syncWith({ expireTokenAfter: 3 });
      const sim = refresh.simulator(r.sim);
      expect(sim.refreshes).toBeGreaterThan(1);
      expect(refresh.saved.length).toBe(sim.refreshes);
      expect(refresh.saved.at(-1)).toEqual({ accessToken: sim.accessToken, refreshToken: sim.refreshToken });
    });

    it('shares one refresh between concurrent callers (the rotated token is used once)', async () => {
      const r = await scenario({}, 5);
      const adapter = subject.platform.adapter(r.sim, Date.now);
      const signal = new AbortController().signal;
      await Promise.all([1, 2, 3].map(() => adapter.refreshToken!(signal)));
      expect(refresh.simulator(r.sim).refreshes).toBe(1);
      expect(refresh.saved).toHaveLength(1);
    });
  }

  const wrong = subject.wrongSecret;
  if (wrong)
    it('stops with bad_signature when the sign secret is wrong, and counts nothing', async () => {
      const r = await scenario({}, 20);
      await expect(wrong.adapter(r.sim).testConnection(AbortSignal.timeout(2000))).rejects.toMatchObject({
        kind: 'bad_signature',
      });
      expect(wrong.refused(r.sim)).toBe(1);
    });

  return { scenario, syncWith };
}
