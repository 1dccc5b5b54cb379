import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '@shared/contract/bridge';
import type { SbnnBridge } from '@shared/contract/bridge';
import type { EventName } from '@shared/contract/channels';

/**
 * Exposes exactly the contract client on window.sbnn: one invoke and one event subscription.
 * No ipcRenderer, no Node API, nothing else crosses into the page.
 */
const bridge: SbnnBridge = {
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE, channel, input),
  on: (event, listener) => {
    const handler = (_e: IpcRendererEvent, name: EventName, payload: unknown): void => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  }
};

contextBridge.exposeInMainWorld('sbnn', bridge);
