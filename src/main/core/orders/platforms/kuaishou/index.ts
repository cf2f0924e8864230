import type { FaultPlan, SimulatedShop } from '../../simulator/simulated-shop';
import { KuaishouSimulator, type KuaishouSimulatorOptions } from './kuaishou-simulator';

export { KuaishouAdapter, type KuaishouCredentials } from './kuaishou-adapter';
export { KuaishouSimulator, type KuaishouSimulatorOptions } from './kuaishou-simulator';
export { expectedKuaishouLines, renderKuaishouOrder } from './kuaishou-render';

/** Credentials the simulator accepts (demo mode, tests). Not secrets: they open only our simulator. */
export const KUAISHOU_SIMULATOR_CREDENTIALS = {
  appKey: 'ks_sim_app',
  appSecret: 'ks-sim-app-secret',
  signSecret: 'ks-sim-sign-secret',
  accessToken: 'ks-sim-at-0',
  refreshToken: 'ks-sim-rt-0',
} as const;

/** Starts a Kuaishou gateway simulator on 127.0.0.1 serving `shop`. */
export function startKuaishouSimulator(
  shop: SimulatedShop,
  faults: FaultPlan = {},
  options: Partial<KuaishouSimulatorOptions> = {},
): Promise<KuaishouSimulator> {
  return new KuaishouSimulator(shop, { ...KUAISHOU_SIMULATOR_CREDENTIALS, ...options, faults }).start();
}
