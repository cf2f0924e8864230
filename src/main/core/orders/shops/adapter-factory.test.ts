import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedShop } from '../demo/simulated-shop';
import { startTaobaoSimulator, TAOBAO_SIMULATOR_CREDENTIALS, type TaobaoSimulator } from '../demo/gateways';
import type { TokenKeeper } from '../platform-adapter';
import { createAdapter } from './adapter-factory';
import type { ShopRecord } from './shop-store';

const tokens = {} as TokenKeeper;
let sim: TaobaoSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

const shop = (over: Partial<ShopRecord>): ShopRecord => ({
  id: 1,
  platform: 'taobao',
  shopId: 'tb-1',
  label: '',
  appKey: TAOBAO_SIMULATOR_CREDENTIALS.appKey,
  signMethod: 'md5',
  gateway: '',
  simulated: true,
  enabled: true,
  ...over,
});

describe('adapter factory', () => {
  it('builds a Taobao adapter that passes test connection against the TOP simulator', async () => {
    sim = await startTaobaoSimulator(new SimulatedShop('tb-1'));
    const adapter = createAdapter(
      shop({ gateway: sim.url }),
      {
        appSecret: TAOBAO_SIMULATOR_CREDENTIALS.appSecret,
        accessToken: TAOBAO_SIMULATOR_CREDENTIALS.session,
      },
      tokens,
    );
    expect(adapter.platform).toBe('taobao');
    await expect(adapter.testConnection(AbortSignal.timeout(5000))).resolves.toBeUndefined();
  });

  it("signs Taobao shops set to HMAC with TOP's HMAC-MD5, which the simulator verifies", async () => {
    sim = await startTaobaoSimulator(new SimulatedShop('tb-1'));
    const secrets = {
      appSecret: TAOBAO_SIMULATOR_CREDENTIALS.appSecret,
      accessToken: TAOBAO_SIMULATOR_CREDENTIALS.session,
    };
    const hmac = createAdapter(shop({ gateway: sim.url, signMethod: 'hmac-sha256' }), secrets, tokens);
    await expect(hmac.testConnection(AbortSignal.timeout(5000))).resolves.toBeUndefined();
    const wrong = createAdapter(
      shop({ gateway: sim.url, signMethod: 'hmac-sha256' }),
      { ...secrets, appSecret: 'wrong-secret' },
      tokens,
    );
    await expect(wrong.testConnection(AbortSignal.timeout(5000))).rejects.toMatchObject({
      kind: 'bad_signature',
    });
  });

  it('names the missing credential', () => {
    expect(() => createAdapter(shop({}), { appSecret: 'x' }, tokens)).toThrow(/no accessToken/);
  });
});
