import type { AdapterOptions } from '../../platform-adapter';
import { TaobaoAdapter, type TaobaoCredentials } from './taobao-adapter';

export { TaobaoAdapter, type TaobaoCredentials } from './taobao-adapter';

/** The Taobao adapter for one shop; `options.baseUrl` points it at the gateway (a simulator in demo mode). */
export function createTaobaoAdapter(credentials: TaobaoCredentials, options: AdapterOptions): TaobaoAdapter {
  return new TaobaoAdapter(credentials, options);
}
