import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '@shared/contract/bridge';
import type { SbnnBridge } from '@shared/contract/bridge';
import { electron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

const ipc = electron.ipcRenderer;
/** What Electron hands an ipcRenderer listener first: its `sender` is ipcRenderer itself. */
const ipcEvent = { sender: ipc, senderId: 0, ports: [] };
const progress = {
  runId: 4,
  phase: 'training' as const,
  epoch: 2,
  epochs: 10,
  fraction: 0.2,
  etaSeconds: 30,
  loss: 1.5,
  nll: 1.2,
  kl: 0.3,
  klWeight: 1,
  valLoss: null,
  valMetric: null
};

let exposedKeys: string[] = [];
let bridge: SbnnBridge;

beforeAll(async () => {
  await import('../../../src-main/app/preload');
  const calls = electron.contextBridge.exposeInMainWorld.mock.calls;
  exposedKeys = calls.map(([key]) => key);
  bridge = calls[0]?.[1] as SbnnBridge;
});

beforeEach(() => {
  ipc.invoke.mockClear();
  ipc.removeAllListeners();
});

describe('preload: what reaches the page', () => {
  it("exposes exactly one key, 'sbnn', holding exactly invoke and on", () => {
    expect(exposedKeys).toEqual(['sbnn']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.getOwnPropertyNames(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.getPrototypeOf(bridge)).toBe(Object.prototype);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  it('hands the page none of ipcRenderer: not the object, not its methods, not its events', () => {
    const ipcValues = new Set<unknown>([
      ipc,
      ipc.invoke,
      ipc.send,
      ipc.sendSync,
      ipc.on,
      ipc.emit,
      ipc.removeListener
    ]);
    for (const value of Object.values(bridge)) expect(ipcValues.has(value)).toBe(false);

    const received: unknown[][] = [];
    const stop = bridge.on('run:progress', (...args: unknown[]) => received.push(args));
    ipc.emit(IPC_EVENT, ipcEvent, 'run:progress', progress);
    // The listener gets the payload alone: the IPC event (whose sender is ipcRenderer) stays behind.
    expect(received).toEqual([[progress]]);
    expect(ipcValues.has(stop)).toBe(false);
    expect(stop()).toBeUndefined();
  });
});

describe('preload: invoke', () => {
  it('forwards (channel, input) on the invoke channel and returns its answer', async () => {
    ipc.invoke.mockResolvedValueOnce({ ok: true, result: { deleted: true } });
    const answer = await bridge.invoke('runs:delete', { runId: 9 });
    expect(answer).toEqual({ ok: true, result: { deleted: true } });
    expect(ipc.invoke.mock.calls).toEqual([[IPC_INVOKE, 'runs:delete', { runId: 9 }]]);
  });

  it('forwards nothing beyond channel and input', async () => {
    const invoke = bridge.invoke as unknown as (...args: unknown[]) => Promise<unknown>;
    await invoke('runs:get', { runId: 1 }, 'extra', () => undefined);
    expect(ipc.invoke.mock.calls).toEqual([[IPC_INVOKE, 'runs:get', { runId: 1 }]]);
  });
});

describe('preload: on', () => {
  it('calls a listener only for the event it subscribed to', () => {
    const seen: unknown[] = [];
    bridge.on('run:status', (payload) => seen.push(payload));
    const status = { runId: 4, status: 'failed' as const, error: 'diverged' };
    ipc.emit(IPC_EVENT, ipcEvent, 'run:progress', progress);
    ipc.emit(IPC_EVENT, ipcEvent, 'compute:backend', { name: 'cpu', label: 'CPU', unavailable: [] });
    ipc.emit(IPC_EVENT, ipcEvent, 'run:status', status);
    ipc.emit('some-other-channel', ipcEvent, 'run:status', { runId: 5 });
    expect(seen).toEqual([status]);
  });

  it('returns a function that removes exactly its own listener', () => {
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = bridge.on('run:progress', (p) => first.push(p));
    bridge.on('run:progress', (p) => second.push(p));
    expect(ipc.listenerCount(IPC_EVENT)).toBe(2);
    stopFirst();
    expect(ipc.listenerCount(IPC_EVENT)).toBe(1);
    ipc.emit(IPC_EVENT, ipcEvent, 'run:progress', progress);
    expect(first).toEqual([]);
    expect(second).toEqual([progress]);
  });
});
