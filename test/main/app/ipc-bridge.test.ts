import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '@shared/contract/bridge';
import type { Envelope } from '@shared/contract/errors';
import { attachIpcBridge } from '../../../src-main/app/ipc-bridge';
import type { AppCore } from '../../../src-main/core/app-core';
import type { Handlers } from '../../../src-main/core/dispatch';
import { EventBus } from '../../../src-main/core/event-bus';
import { electron, FakeBrowserWindow, FakeWebContents, FakeWebFrame } from './fake-electron';
import type { InvokeHandler } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

const RUN = { id: 7, name: 'rotterdam mlp' };

interface Harness {
  window: FakeBrowserWindow;
  events: EventBus;
  runsGet: ReturnType<typeof vi.fn>;
  detach: () => void;
  invoke: (
    sender: unknown,
    senderFrame: unknown,
    channel: unknown,
    input: unknown
  ) => Promise<Envelope<unknown>>;
}

function attach(): Harness {
  const window = new FakeBrowserWindow({});
  const events = new EventBus();
  const runsGet = vi.fn((input: { runId: number }) => ({ ...RUN, id: input.runId }));
  // Only the channels these tests call; the bridge must not care which handlers exist.
  const handlers = { 'runs:get': runsGet } as unknown as Handlers;
  const core = { handlers, events } as unknown as AppCore;
  const detach = attachIpcBridge(core, window as unknown as BrowserWindow);
  const invoke = async (sender: unknown, senderFrame: unknown, channel: unknown, input: unknown) => {
    const handler: InvokeHandler | undefined = electron.ipcMain.handlers.get(IPC_INVOKE);
    if (!handler) throw new Error(`no handler registered for ${IPC_INVOKE}`);
    return (await handler({ sender, senderFrame }, channel, input)) as Envelope<unknown>;
  };
  return { window, events, runsGet, detach, invoke };
}

beforeEach(() => {
  vi.clearAllMocks();
  electron.ipcMain.handlers.clear();
});

describe('attachIpcBridge: who may call', () => {
  it('answers UNAUTHORIZED to another webContents without reaching a handler', async () => {
    const h = attach();
    const stranger = new FakeWebContents();
    const envelope = await h.invoke(stranger, stranger.mainFrame, 'runs:get', { runId: 7 });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.code).toBe('UNAUTHORIZED');
    expect(h.runsGet).not.toHaveBeenCalled();
  });

  it('answers UNAUTHORIZED to a subframe of the window, and to a frame that is gone', async () => {
    const h = attach();
    const iframe = new FakeWebFrame('iframe');
    for (const frame of [iframe, null, undefined]) {
      const envelope = await h.invoke(h.window.webContents, frame, 'runs:get', { runId: 7 });
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) expect(envelope.error.code).toBe('UNAUTHORIZED');
    }
    // The main frame of another window is not this window's main frame either.
    const other = new FakeWebContents();
    const mixed = await h.invoke(h.window.webContents, other.mainFrame, 'runs:get', { runId: 7 });
    expect(mixed.ok).toBe(false);
    expect(h.runsGet).not.toHaveBeenCalled();
  });

  it("serves the window's main frame through dispatch", async () => {
    const h = attach();
    const wc = h.window.webContents;
    const ok = await h.invoke(wc, wc.mainFrame, 'runs:get', { runId: 12 });
    expect(ok).toEqual({ ok: true, result: { id: 12, name: 'rotterdam mlp' } });
    expect(h.runsGet).toHaveBeenCalledExactlyOnceWith({ runId: 12 });
  });

  it('refuses malformed requests from the main frame with BAD_REQUEST before any handler', async () => {
    const h = attach();
    const wc = h.window.webContents;
    const cases: [unknown, unknown][] = [
      ['runs:get', { runId: '12' }],
      ['runs:get', { runId: 12, extra: true }],
      ['runs:get', 'DROP TABLE runs'],
      ['fs:readFile', { path: '/etc/passwd' }],
      [42, { runId: 12 }],
      [undefined, undefined]
    ];
    for (const [channel, input] of cases) {
      const envelope = await h.invoke(wc, wc.mainFrame, channel, input);
      expect(envelope.ok, JSON.stringify([channel, input])).toBe(false);
      if (!envelope.ok) expect(envelope.error.code).toBe('BAD_REQUEST');
    }
    expect(h.runsGet).not.toHaveBeenCalled();
  });
});

describe('attachIpcBridge: events', () => {
  it('forwards every EventBus event to the window on the event channel', () => {
    const h = attach();
    const status = { runId: 3, status: 'running' as const, error: null };
    const backend = { name: 'wasm' as const, label: 'WebAssembly', unavailable: [] };
    h.events.emit('run:status', status);
    h.events.emit('compute:backend', backend);
    expect(h.window.webContents.send.mock.calls).toEqual([
      [IPC_EVENT, 'run:status', status],
      [IPC_EVENT, 'compute:backend', backend]
    ]);
    expect(IPC_EVENT).not.toBe(IPC_INVOKE);
  });

  it('sends nothing once the window is destroyed', () => {
    const h = attach();
    h.window.destroy();
    h.events.emit('run:status', { runId: 3, status: 'finished', error: null });
    expect(h.window.webContents.send).not.toHaveBeenCalled();
  });
});

describe('attachIpcBridge: detach', () => {
  it('removes the invoke handler and the event subscription', () => {
    const h = attach();
    expect(electron.ipcMain.handlers.has(IPC_INVOKE)).toBe(true);
    h.detach();
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith(IPC_INVOKE);
    expect(electron.ipcMain.handlers.has(IPC_INVOKE)).toBe(false);
    h.events.emit('run:status', { runId: 3, status: 'finished', error: null });
    expect(h.window.webContents.send).not.toHaveBeenCalled();
  });

  it('lets a new window attach after the old one detached', () => {
    const first = attach();
    first.detach();
    expect(() => attach()).not.toThrow();
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(2);
  });
});
