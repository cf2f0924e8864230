import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { operationNames } from '@shared/api/contract';
import { ApiFailure, fail, ok } from '@shared/api/errors';
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
  // Import files: bytes by structured clone into the upload store (no base64, no frame limit).
  ipcMain.handle('upload:importFile', (event, fileName: unknown, bytes: unknown) => {
    if (!isTrustedSender(event)) return fail({ code: 'forbidden', message: 'IPC from an untrusted frame' });
    if (
      typeof fileName !== 'string' ||
      fileName.trim() === '' ||
      !(bytes instanceof ArrayBuffer || ArrayBuffer.isView(bytes))
    ) {
      return fail({ code: 'bad_request', message: 'upload needs a file name and its bytes' });
    }
    try {
      const view =
        bytes instanceof ArrayBuffer
          ? new Uint8Array(bytes)
          : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const stored = studio.shelf.uploads.put(fileName.trim().slice(0, 255), view);
      return ok({ uploadId: stored.id, fileName: stored.fileName, size: stored.size });
    } catch (err) {
      if (err instanceof ApiFailure) return fail({ code: err.code, message: err.message, ...err.extra });
      return fail({ code: 'internal', message: String(err) });
    }
  });
  return () => {
    for (const name of operationNames) ipcMain.removeHandler(`api:${name}`);
    ipcMain.removeHandler('upload:importFile');
  };
}

export function forwardEvents(studio: Studio, window: BrowserWindow): () => void {
  return studio.events.onAny((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(`event:${event}`, payload);
  }, 'ipc');
}
