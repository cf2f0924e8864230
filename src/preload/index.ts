import { contextBridge, ipcRenderer } from 'electron';
import { eventNames, operationNames } from '@shared/api/contract';
import type { ShelfcastBridge } from './bridge';

/**
 * Exposes one function per contract operation and a subscribe for contract events: never a
 * generic channel. Names outside the contract cannot be reached from the page.
 */
const ops: ShelfcastBridge['ops'] = {};
for (const name of operationNames) {
  ops[name] = (input: unknown) => ipcRenderer.invoke(`api:${name}`, input);
}

const bridge: ShelfcastBridge = {
  ops,
  upload: (fileName, bytes) => ipcRenderer.invoke('upload:importFile', fileName, bytes),
  subscribe(event, listener) {
    if (!(eventNames as readonly string[]).includes(event)) throw new Error(`Unknown event ${event}`);
    const channel = `event:${event}`;
    const handler = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
};

contextBridge.exposeInMainWorld('shelfcast', bridge);
