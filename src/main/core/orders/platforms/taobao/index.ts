import type { AdapterOptions } from '../../platform-adapter';
import type { FaultPlan, SimulatedShop } from '../../simulator/simulated-shop';
import { TaobaoAdapter, type TaobaoCredentials } from './taobao-adapter';
import { TaobaoSimulator, type TaobaoSimulatorOptions } from './taobao-simulator';

export { TaobaoAdapter, type TaobaoCredentials } from './taobao-adapter';
export { TaobaoSimulator, type TaobaoSimulatorOptions } from './taobao-simulator';
export { expectedTaobaoLines } from './taobao-render';

/** The Taobao adapter for one shop; `options.baseUrl` points it at a simulator. */
export function createTaobaoAdapter(credentials: TaobaoCredentials, options: AdapterOptions): TaobaoAdapter {
  return new TaobaoAdapter(credentials, options);
}

/** Default credentials the simulator accepts (demo mode); tests pass their own. */
export const TAOBAO_SIMULATOR_CREDENTIALS: TaobaoCredentials = {
  appKey: '12345678',
  appSecret: 'sim-taobao-secret',
  session: 'sim-taobao-session',
  signMethod: 'md5',
};

/** Starts a Taobao TOP simulator on 127.0.0.1 serving `shop`; `sim.url` is the adapter's baseUrl. */
export async function startTaobaoSimulator(
  shop: SimulatedShop,
  faults: FaultPlan = {},
  options: Partial<TaobaoSimulatorOptions> = {},
): Promise<TaobaoSimulator> {
  const { appKey, appSecret, session } = TAOBAO_SIMULATOR_CREDENTIALS;
  return new TaobaoSimulator(shop, { appKey, appSecret, session, ...options, faults }).start();
}
