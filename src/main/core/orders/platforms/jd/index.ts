import type { AdapterOptions } from '../../platform-adapter';
import { JdAdapter, type JdCredentials } from './jd-adapter';

export { JdAdapter, type JdCredentials } from './jd-adapter';

/** The JD adapter for one shop; `options.baseUrl` points it at the gateway (a simulator in demo mode). */
export function createJdAdapter(credentials: JdCredentials, options: AdapterOptions): JdAdapter {
  return new JdAdapter(credentials, options);
}
