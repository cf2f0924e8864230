import { describe, expect, it } from 'vitest';
import type { ScenarioPlatform } from '../../../../../../test-support/orders/sync-scenario';
import {
  expectLedgerEqualsTruth,
  registerSyncSuite,
  truthHorizon,
} from '../../../../../../test-support/orders/sync-suite';
import { createJdAdapter, type JdAdapter } from '.';
import { JD_SIMULATOR_CREDENTIALS, startJdSimulator, type JdSimulator } from '../../demo/gateways';
import { expectedJdLines } from '../../../../../../test-support/orders/expected-lines';

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

describe('JD sync (engine + ledger) against the JD simulator', () => {
  const { scenario } = registerSyncSuite({
    platform: jd,
    faults: {
      throttled: { throttleEvery: 3 },
      server: { serverErrorEvery: 3 },
      unreachable: { timeoutEvery: 4 },
      malformed: { malformedJsonEvery: 3 },
    },
  });

  it('stops on an expired token (JD has no refresh here) and resumes with a renewed one', async () => {
    const run = await scenario({ expireTokenAfter: 2 });
    await expect(run.sync.catchUp(truthHorizon(run))).rejects.toMatchObject({ kind: 'token_expired' });
    expect(run.compare().extra).toEqual([]);
    run.sim.renewCredential('renewed');
    run.sim.setFaults({}); // the new token does not expire again during this test
    adapter!.updateCredentials({ ...JD_SIMULATOR_CREDENTIALS, accessToken: 'renewed' });
    await run.sync.catchUp(truthHorizon(run));
    expectLedgerEqualsTruth(run);
  });
});
