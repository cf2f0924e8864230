import type { FaultPlan, SimulatedShop } from '../../simulator/simulated-shop';
import { DouyinSimulator, type DouyinSimulatorOptions } from './douyin-simulator';

export { DouyinAdapter, type DouyinCredentials } from './douyin-adapter';
export { DouyinSimulator, type DouyinSimulatorOptions } from './douyin-simulator';
export { expectedDouyinLines, renderDouyinOrder } from './douyin-render';

/** Credentials the simulator accepts (demo mode, tests). They open only our simulator. */
export const DOUYIN_SIMULATOR_CREDENTIALS = {
  appKey: 'dy_sim_app',
  appSecret: 'dy-sim-app-secret',
  accessToken: 'dy-sim-at-0',
  refreshToken: 'dy-sim-rt-0',
} as const;

/** Starts a Douyin shop gateway simulator on 127.0.0.1 serving `shop`. */
export function startDouyinSimulator(
  shop: SimulatedShop,
  faults: FaultPlan = {},
  options: Partial<DouyinSimulatorOptions> = {},
): Promise<DouyinSimulator> {
  return new DouyinSimulator(shop, { ...DOUYIN_SIMULATOR_CREDENTIALS, ...options, faults }).start();
}
