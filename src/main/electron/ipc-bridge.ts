import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { operationNames } from '@shared/api/contract';
import { fail } from '@shared/api/errors';
import type { Studio } from '../core/studio';

/** One `api:<operation>` IPC handler per contract operation, and `event:<name>` pushes to the window. */
export function registerIpcBridge(
  studio: Studio,
  isTrustedSender: (e: IpcMainInvokeEvent) => boolean,
): () => void {
  for (const name of operationNames) {
    ipcMain.handle(`api:${name}`, (event, input: unknown) => {
      if (!isTrustedSender(event)) {
        return fail({ code: 'forbidden', message: 'IPC from an untrusted frame' });
      }
      return studio.dispatch(name, input, { role: 'operator', transport: 'ipc' });
    });
  }
  return () => {
    for (const name of operationNames) ipcMain.removeHandler(`api:${name}`);
  };
}

export function forwardEvents(studio: Studio, window: BrowserWindow): () => void {
  return studio.events.onAny((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(`event:${event}`, payload);
  });
}
