import { afterEach, describe, expect, it } from 'vitest';
import type { FaultPlan } from '../../simulator/simulated-shop';
import { syncScenario, type ScenarioPlatform, type ScenarioRun } from '../../testing/sync-scenario';
import {
  createTaobaoAdapter,
  expectedTaobaoLines,
  startTaobaoSimulator,
  TAOBAO_SIMULATOR_CREDENTIALS,
  type TaobaoAdapter,
  type TaobaoSimulator,
} from '.';

// The sync engine (ShopSync + ledger) against the Taobao simulator: the ledger must equal the
// truth as Taobao expresses it (second-precision times; see expectedTaobaoLines).
let adapter: TaobaoAdapter | undefined;
const taobao: ScenarioPlatform<TaobaoSimulator> = {
  platform: 'taobao',
  generator: { lineIds: 'own', maxLinesPerOrder: 3 },
  startSimulator: (shop, faults, clock) => startTaobaoSimulator(shop, faults, { clock }),
  stopSimulator: (sim) => sim.stop(),
  adapter: (sim, clock) =>
    (adapter = createTaobaoAdapter(
      { ...TAOBAO_SIMULATOR_CREDENTIALS, signMethod: 'hmac' },
      { shopId: 'taobao-shop-1', baseUrl: sim.url, clock },
    )),
  expected: expectedTaobaoLines,
};

let run: ScenarioRun<TaobaoSimulator> | undefined;
afterEach(async () => {
  await run?.close();
  run = undefined;
});

const untilOf = (r: ScenarioRun<TaobaoSimulator>) =>
  r.shop.all().reduce((m, o) => Math.max(m, o.updatedAt), 0) + 1;

function expectLedgerEqualsTruth(r: ScenarioRun<TaobaoSimulator>) {
  const c = r.compare();
  expect(c.expected).toBeGreaterThan(300);
  expect(c.rows).toBe(c.expected);
  expect(c.mismatched).toEqual([]);
  expect(c.extra).toEqual([]);
}

async function syncWith(faults: FaultPlan) {
  run = await syncScenario(taobao, faults, 300);
  await run.sync.catchUp(untilOf(run));
  expectLedgerEqualsTruth(run);
  return run;
}

describe('Taobao sync (engine + ledger) against the Taobao simulator', () => {
  it('drains every window and page: nothing lost, nothing duplicated', async () => {
    const r = await syncWith({});
    expect(r.sync.status.state).toBe('ok');
  });

  it.each([
    ['throttled', { throttleEvery: 4 }],
    ['server', { serverErrorEvery: 3 }],
    ['unreachable', { timeoutEvery: 4 }],
    ['malformed', { malformedJsonEvery: 3 }],
  ] as const)('retries through %s faults and says so in the status', async (kind, faults) => {
    const r = await syncWith(faults);
    expect(r.statuses.some((s) => s.state === 'retrying' && s.errorKind === kind)).toBe(true);
    expect(r.sync.status.state).toBe('ok');
  });

  it('ignores duplicated trades and replayed older versions', async () => {
    await syncWith({ duplicateEvery: 1, staleVersionEvery: 1 });
  });

  it('stops on an expired session and resumes where it stopped with a renewed one', async () => {
    run = await syncScenario(taobao, { expireTokenAfter: 1 }, 300);
    await expect(run.sync.catchUp(untilOf(run))).rejects.toMatchObject({ kind: 'token_expired' });
    expect(run.compare().extra).toEqual([]);
    run.sim.renewSession('renewed');
    run.sim.setFaults({}); // the new session does not expire again during this test
    adapter!.updateCredentials({ ...TAOBAO_SIMULATOR_CREDENTIALS, signMethod: 'hmac', session: 'renewed' });
    await run.sync.catchUp(untilOf(run));
    expectLedgerEqualsTruth(run);
  });
});
