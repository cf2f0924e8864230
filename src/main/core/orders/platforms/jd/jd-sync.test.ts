import { afterEach, describe, expect, it } from 'vitest';
import type { FaultPlan } from '../../simulator/simulated-shop';
import { syncScenario, type ScenarioPlatform, type ScenarioRun } from '../../testing/sync-scenario';
import {
  createJdAdapter,
  expectedJdLines,
  JD_SIMULATOR_CREDENTIALS,
  startJdSimulator,
  type JdAdapter,
  type JdSimulator,
} from '.';

// The sync engine (ShopSync + ledger) against the JD simulator: the ledger must equal the truth
// as JD can express it (second-precision times; see expectedJdLines).
let adapter: JdAdapter | undefined;
const jd: ScenarioPlatform<JdSimulator> = {
  platform: 'jd',
  generator: { lineIds: 'sku', maxLinesPerOrder: 3 },
  startSimulator: (shop, faults, clock) => startJdSimulator(shop, faults, { clock }),
  stopSimulator: (sim) => sim.stop(),
  adapter: (sim, clock) =>
    (adapter = createJdAdapter(JD_SIMULATOR_CREDENTIALS, { shopId: 'jd-shop-1', baseUrl: sim.url, clock })),
  expected: expectedJdLines,
};

let run: ScenarioRun<JdSimulator> | undefined;
afterEach(async () => {
  await run?.close();
  run = undefined;
});

const untilOf = (r: ScenarioRun<JdSimulator>) =>
  r.shop.all().reduce((m, o) => Math.max(m, o.updatedAt), 0) + 1;

function expectLedgerEqualsTruth(r: ScenarioRun<JdSimulator>) {
  const c = r.compare();
  expect(c.expected).toBeGreaterThan(300);
  expect(c.rows).toBe(c.expected);
  expect(c.mismatched).toEqual([]);
  expect(c.extra).toEqual([]);
}

async function syncWith(faults: FaultPlan) {
  run = await syncScenario(jd, faults, 300);
  await run.sync.catchUp(untilOf(run));
  expectLedgerEqualsTruth(run);
  return run;
}

describe('JD sync (engine + ledger) against the JD simulator', () => {
  it('drains every window and page: nothing lost, nothing duplicated', async () => {
    const r = await syncWith({});
    expect(r.sync.status.state).toBe('ok');
    expect(r.sync.status.lastSuccessAt).not.toBeNull();
  });

  it.each([
    ['throttled', { throttleEvery: 3 }],
    ['server', { serverErrorEvery: 3 }],
    ['unreachable', { timeoutEvery: 4 }],
    ['malformed', { malformedJsonEvery: 3 }],
  ] as const)('retries through %s faults and says so in the status', async (kind, faults) => {
    const r = await syncWith(faults);
    expect(r.statuses.some((s) => s.state === 'retrying' && s.errorKind === kind)).toBe(true);
    expect(r.sync.status.state).toBe('ok');
  });

  it('ignores duplicated orders and replayed older versions', async () => {
    await syncWith({ duplicateEvery: 1, staleVersionEvery: 1 });
  });

  it('stops on an expired token (JD has no refresh here) and resumes with a renewed one', async () => {
    run = await syncScenario(jd, { expireTokenAfter: 2 }, 300);
    await expect(run.sync.catchUp(untilOf(run))).rejects.toMatchObject({ kind: 'token_expired' });
    expect(run.compare().extra).toEqual([]);
    run.sim.renewToken('renewed');
    run.sim.setFaults({}); // the new token does not expire again during this test
    adapter!.updateCredentials({ ...JD_SIMULATOR_CREDENTIALS, accessToken: 'renewed' });
    await run.sync.catchUp(untilOf(run));
    expectLedgerEqualsTruth(run);
  });
});
