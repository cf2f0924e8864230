import { describe, expect, it } from 'vitest';
import type { ScenarioPlatform } from '../../../../../../test-support/orders/sync-scenario';
import {
  expectLedgerEqualsTruth,
  registerSyncSuite,
  truthHorizon,
} from '../../../../../../test-support/orders/sync-suite';
import { createTaobaoAdapter, type TaobaoAdapter } from '.';
import {
  startTaobaoSimulator,
  TAOBAO_SIMULATOR_CREDENTIALS,
  type TaobaoSimulator,
} from '../../demo/gateways';
import { expectedTaobaoLines } from '../../../../../../test-support/orders/expected-lines';

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

describe('Taobao sync (engine + ledger) against the Taobao simulator', () => {
  const { scenario } = registerSyncSuite({
    platform: taobao,
    faults: {
      throttled: { throttleEvery: 4 },
      server: { serverErrorEvery: 3 },
      unreachable: { timeoutEvery: 4 },
      malformed: { malformedJsonEvery: 3 },
    },
  });

  it('stops on an expired session and resumes where it stopped with a renewed one', async () => {
    const run = await scenario({ expireTokenAfter: 1 });
    await expect(run.sync.catchUp(truthHorizon(run))).rejects.toMatchObject({ kind: 'token_expired' });
    expect(run.compare().extra).toEqual([]);
    run.sim.renewCredential('renewed');
    run.sim.setFaults({}); // the new session does not expire again during this test
    adapter!.updateCredentials({ ...TAOBAO_SIMULATOR_CREDENTIALS, signMethod: 'hmac', session: 'renewed' });
    await run.sync.catchUp(truthHorizon(run));
    expectLedgerEqualsTruth(run);
  });
});
