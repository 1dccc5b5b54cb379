import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '@shared/contract/bridge';
import type { Envelope } from '@shared/contract/errors';
import { dispatch } from '../core/dispatch';
import type { AppCore } from '../core/app-core';

/**
 * Serves the contract over Electron IPC. Requests are accepted only from the app's own window
 * (its webContents and its top frame); anything else gets UNAUTHORIZED without reaching a handler.
 */
export function attachIpcBridge(core: AppCore, window: BrowserWindow): () => void {
  const isTrustedSender = (event: IpcMainInvokeEvent): boolean =>
    event.sender === window.webContents && event.senderFrame === window.webContents.mainFrame;

  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event)) {
      return {
        ok: false,
        error: { code: 'UNAUTHORIZED', message: 'Request from an unknown sender was refused.' }
      };
    }
    return dispatch(core.handlers, typeof channel === 'string' ? channel : '', input);
  });
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT, name, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE);
  };
}
