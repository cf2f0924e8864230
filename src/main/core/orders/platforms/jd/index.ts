import type { AdapterOptions } from '../../platform-adapter';
import type { FaultPlan, SimulatedShop } from '../../simulator/simulated-shop';
import { JdAdapter, type JdCredentials } from './jd-adapter';
import { JdSimulator, type JdSimulatorOptions } from './jd-simulator';

export { JdAdapter, type JdCredentials } from './jd-adapter';
export { JdSimulator, type JdSimulatorOptions } from './jd-simulator';
export { expectedJdLines } from './jd-render';

/** The JD adapter for one shop; `options.baseUrl` points it at a simulator. */
export function createJdAdapter(credentials: JdCredentials, options: AdapterOptions): JdAdapter {
  return new JdAdapter(credentials, options);
}

/** Default credentials the simulator accepts (demo mode); tests pass their own. */
export const JD_SIMULATOR_CREDENTIALS: JdCredentials = {
  appKey: 'SIMJDAPPKEY',
  appSecret: 'sim-jd-secret',
  accessToken: 'sim-jd-token',
};

/** Starts a JD gateway simulator on 127.0.0.1 serving `shop`; `sim.url` is the adapter's baseUrl. */
export async function startJdSimulator(
  shop: SimulatedShop,
  faults: FaultPlan = {},
  options: Partial<JdSimulatorOptions> = {},
): Promise<JdSimulator> {
  return new JdSimulator(shop, { ...JD_SIMULATOR_CREDENTIALS, ...options, faults }).start();
}
