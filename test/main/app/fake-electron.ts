import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { vi } from 'vitest';

/**
 * A stand-in for the parts of the `electron` module the app shell uses, for tests that replace
 * the module with vi.mock('electron', ...). It records what the shell registers (handlers,
 * listeners, window options) so a test can call them the way Electron would. Behaviour that
 * matters for the assertions mirrors Electron's: ipcMain refuses a second handler for a channel,
 * EventEmitter methods return the emitter, a destroyed window's webContents refuses to send.
 */

export type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

export class FakeWebFrame {
  constructor(readonly name: string) {}
}

export class FakeWebContents extends EventEmitter {
  readonly mainFrame = new FakeWebFrame('main');
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  readonly send = vi.fn((..._args: unknown[]): void => {
    if (this.destroyed) throw new Error('Object has been destroyed');
  });
  /** Like Electron's: the PDF bytes of the loaded page (here the loaded URL's text, to check it). */
  readonly printToPDF = vi.fn(
    (_options: Record<string, unknown>): Promise<Buffer> =>
      Promise.resolve(Buffer.from(`%PDF ${this.loadedUrl}`))
  );
  loadedUrl = '';

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export interface WindowOptions {
  webPreferences?: Record<string, unknown>;
  show?: boolean;
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadFile = vi.fn((_path: string): Promise<void> => Promise.resolve());
  readonly loadURL = vi.fn((url: string): Promise<void> => {
    this.webContents.loadedUrl = url;
    return Promise.resolve();
  });
  readonly show = vi.fn();
  private destroyed = false;

  constructor(readonly options: WindowOptions) {
    super();
    FakeBrowserWindow.created.push(this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
  }
}

export interface HeadersDetails {
  url: string;
  responseHeaders?: Record<string, string[]>;
}
export type HeadersListener = (
  details: HeadersDetails,
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void
) => void;
export type BeforeRequestListener = (
  details: { url: string },
  callback: (response: { cancel?: boolean }) => void
) => void;
export type PermissionHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void
) => void;

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  readonly handle = vi.fn((channel: string, handler: InvokeHandler): void => {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
  readonly removeHandler = vi.fn((channel: string): void => {
    this.handlers.delete(channel);
  });
}

/** ipcRenderer: a real EventEmitter (on/removeListener return it, as Electron's do) plus the send family. */
export class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(
    (..._args: unknown[]): Promise<unknown> => Promise.resolve({ ok: true, result: 'answer' })
  );
  readonly send = vi.fn();
  readonly sendSync = vi.fn();
  readonly sendToHost = vi.fn();
  readonly postMessage = vi.fn();
}

/** Like Electron's: stdout/stderr are streams only with stdio 'pipe'; pid is unknown until spawned. */
export class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined = undefined;
  readonly stdout: PassThrough | null;
  readonly stderr: PassThrough | null;
  readonly postMessage = vi.fn();
  readonly kill = vi.fn((): boolean => true);

  constructor(options: Record<string, unknown> | undefined) {
    super();
    const piped = options?.stdio === 'pipe';
    this.stdout = piped ? new PassThrough() : null;
    this.stderr = piped ? new PassThrough() : null;
  }
}

function createFakeElectron() {
  const defaultSession = {
    webRequest: {
      onHeadersReceived: vi.fn<(listener: HeadersListener) => void>(),
      onBeforeRequest: vi.fn<(listener: BeforeRequestListener) => void>()
    },
    setPermissionRequestHandler: vi.fn<(handler: PermissionHandler) => void>()
  };
  const forked: FakeUtilityProcess[] = [];
  return {
    BrowserWindow: FakeBrowserWindow,
    dialog: {
      showErrorBox: vi.fn(),
      showSaveDialog: vi.fn(
        (_options: Record<string, unknown>): Promise<{ canceled: boolean; filePath?: string }> =>
          Promise.resolve({ canceled: true })
      )
    },
    session: { defaultSession },
    shell: { openExternal: vi.fn((_url: string): Promise<void> => Promise.resolve()) },
    ipcMain: new FakeIpcMain(),
    ipcRenderer: new FakeIpcRenderer(),
    contextBridge: { exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>() },
    forked,
    utilityProcess: {
      fork: vi.fn(
        (_modulePath: string, _args?: string[], options?: Record<string, unknown>): FakeUtilityProcess => {
          const child = new FakeUtilityProcess(options);
          forked.push(child);
          return child;
        }
      )
    }
  };
}

/** The single fake shared by a test file and its vi.mock('electron') factory. */
export const electron = createFakeElectron();

/** The last argument the shell passed to a registration function, failing if it never registered. */
export function registered<A extends unknown[]>(fn: { mock: { calls: A[] } }, index = 0): A[number] {
  const calls = fn.mock.calls;
  const last = calls[calls.length - 1];
  if (last === undefined) throw new Error('expected the shell to register a handler');
  return last[index];
}
