import type { FromCompute } from './protocol';

/**
 * The compute process's link to the main side. The same entry runs as an Electron utilityProcess
 * (messages through process.parentPort, wrapped in a MessageEvent-like { data }) or as a
 * child_process.fork child (process.send / process.on('message')). Detected at run time, so this
 * file never imports electron.
 */
export interface ParentChannel {
  readonly kind: 'electron-utility' | 'node-fork';
  send(msg: FromCompute): void;
  onMessage(cb: (msg: unknown) => void): void;
  /** Called when the parent goes away (fork: IPC disconnect); the process should then exit. */
  onDisconnect(cb: () => void): void;
}

interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  postMessage(msg: unknown): void;
}

function electronParentPort(): ParentPortLike | null {
  const port: unknown = (process as { parentPort?: unknown }).parentPort;
  if (typeof port === 'object' && port !== null && 'on' in port && 'postMessage' in port) {
    return port as ParentPortLike;
  }
  return null;
}

export function connectToParent(): ParentChannel {
  const port = electronParentPort();
  if (port !== null) {
    return {
      kind: 'electron-utility',
      send: (msg) => port.postMessage(msg),
      onMessage: (cb) => {
        port.on('message', (e) => cb(e.data));
      },
      // Electron ends a utility process together with its parent; nothing to watch.
      onDisconnect: () => {}
    };
  }
  const send = process.send?.bind(process);
  if (send === undefined) {
    throw new Error(
      'The compute process must be started by the app (child_process.fork or an Electron utilityProcess), not run directly.'
    );
  }
  return {
    kind: 'node-fork',
    send: (msg) => {
      // A closed channel means the parent is gone; 'disconnect' handles the exit.
      if (process.connected) send(msg);
    },
    onMessage: (cb) => {
      process.on('message', (msg: unknown) => cb(msg));
    },
    onDisconnect: (cb) => {
      process.on('disconnect', cb);
    }
  };
}
