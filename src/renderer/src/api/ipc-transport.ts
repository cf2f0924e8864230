import type { ApiTransport } from '@shared/api/client';
import type { ShelfcastBridge } from '../../../preload/bridge';

/** The desktop transport: the preload's per-operation IPC functions. */
export function ipcTransport(bridge: ShelfcastBridge): ApiTransport {
  return {
    invoke: (op, input) => {
      const fn = bridge.ops[op];
      if (!fn) return Promise.resolve({ ok: false, error: { code: 'unknown_operation', message: op } });
      return fn(input);
    },
    subscribe: (event, listener) => bridge.subscribe(event, listener),
  };
}
