import type { JdCredentials } from '../../platforms/jd';
import type { TaobaoCredentials } from '../../platforms/taobao';
import type { FaultPlan, SimulatedShop } from '../simulated-shop';
import { DouyinSimulator, type DouyinSimulatorOptions } from './douyin-simulator';
import { JdSimulator, type JdSimulatorOptions } from './jd-simulator';
import { KuaishouSimulator, type KuaishouSimulatorOptions } from './kuaishou-simulator';
import { TaobaoSimulator, type TaobaoSimulatorOptions } from './taobao-simulator';

/**
 * The simulated platform gateways (demo mode, tests, benches): each serves a SimulatedShop on
 * 127.0.0.1 in its platform's protocol, with faults on request. The adapters in platforms/ know
 * nothing of them.
 */
export { DouyinSimulator, type DouyinSimulatorOptions } from './douyin-simulator';
export { JdSimulator, type JdSimulatorOptions } from './jd-simulator';
export { KuaishouSimulator, type KuaishouSimulatorOptions } from './kuaishou-simulator';
export { TaobaoSimulator, type TaobaoSimulatorOptions } from './taobao-simulator';
export { renderDouyinOrder } from './douyin-render';
export { jdListsOrder, renderJdOrder } from './jd-render';
export { renderKuaishouOrder } from './kuaishou-render';
export { renderTaobaoTrade } from './taobao-render';

/** Credentials the Kuaishou simulator accepts (demo mode, tests). Not secrets: they open only our simulator. */
export const KUAISHOU_SIMULATOR_CREDENTIALS = {
  appKey: 'ks_sim_app',
  appSecret: 'ks-sim-app-secret',
  signSecret: 'ks-sim-sign-secret',
  accessToken: 'ks-sim-at-0',
  refreshToken: 'ks-sim-rt-0',
} as const;

/** Credentials the Douyin simulator accepts (demo mode, tests). They open only our simulator. */
export const DOUYIN_SIMULATOR_CREDENTIALS = {
  appKey: 'dy_sim_app',
  appSecret: 'dy-sim-app-secret',
  accessToken: 'dy-sim-at-0',
  refreshToken: 'dy-sim-rt-0',
} as const;

/** Default credentials the JD simulator accepts (demo mode); tests pass their own. */
export const JD_SIMULATOR_CREDENTIALS: JdCredentials = {
  appKey: 'SIMJDAPPKEY',
  appSecret: 'sim-jd-secret',
  accessToken: 'sim-jd-token',
};

/** Default credentials the Taobao simulator accepts (demo mode); tests pass their own. */
export const TAOBAO_SIMULATOR_CREDENTIALS: TaobaoCredentials = {
  appKey: '12345678',
  appSecret: 'sim-taobao-secret',
  session: 'sim-taobao-session',
  signMethod: 'md5',
};

/** Starts a Kuaishou gateway simulator on 127.0.0.1 serving `shop`. */
export function startKuaishouSimulator(
  shop: SimulatedShop,
  faults: FaultPlan = {},
  options: Partial<KuaishouSimulatorOptions> = {},
): Promise<KuaishouSimulator> {
  return new KuaishouSimulator(shop, { ...KUAISHOU_SIMULATOR_CREDENTIALS, ...options, faults }).start();
}

/** Starts a Douyin shop gateway simulator on 127.0.0.1 serving `shop`. */
export function startDouyinSimulator(
  shop: SimulatedShop,
  faults: FaultPlan = {},
  options: Partial<DouyinSimulatorOptions> = {},
): Promise<DouyinSimulator> {
  return new DouyinSimulator(shop, { ...DOUYIN_SIMULATOR_CREDENTIALS, ...options, faults }).start();
}

/** Starts a JD gateway simulator on 127.0.0.1 serving `shop`; `sim.url` is the adapter's baseUrl. */
export function startJdSimulator(
  shop: SimulatedShop,
  faults: FaultPlan = {},
  options: Partial<JdSimulatorOptions> = {},
): Promise<JdSimulator> {
  return new JdSimulator(shop, { ...JD_SIMULATOR_CREDENTIALS, ...options, faults }).start();
}

/** Starts a Taobao TOP simulator on 127.0.0.1 serving `shop`; `sim.url` is the adapter's baseUrl. */
export function startTaobaoSimulator(
  shop: SimulatedShop,
  faults: FaultPlan = {},
  options: Partial<TaobaoSimulatorOptions> = {},
): Promise<TaobaoSimulator> {
  const { appKey, appSecret, session } = TAOBAO_SIMULATOR_CREDENTIALS;
  return new TaobaoSimulator(shop, { appKey, appSecret, session, ...options, faults }).start();
}
