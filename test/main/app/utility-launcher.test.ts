import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ComputeHost } from '../../../src-main/compute/compute-host';
import type { ComputeChild } from '../../../src-main/compute/launcher';
import type { ToCompute } from '../../../src-main/compute/protocol';
import { createUtilityLauncher } from '../../../src-main/app/utility-launcher';
import { electron } from './fake-electron';
import type { FakeUtilityProcess } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

const ENTRY = '/opt/sbnn/out/main/compute.js';
const BACKEND = { name: 'cpu' as const, label: 'CPU (JavaScript)', unavailable: [] };

function launch(): { child: ComputeChild; utility: FakeUtilityProcess } {
  const child = createUtilityLauncher(ENTRY).launch();
  const utility = electron.forked[electron.forked.length - 1];
  if (!utility) throw new Error('launch() forked no utility process');
  return { child, utility };
}

beforeEach(() => {
  vi.clearAllMocks();
  electron.forked.length = 0;
});

describe('createUtilityLauncher', () => {
  it('forks the compute entry as a utility process, a fresh one per launch', () => {
    const launcher = createUtilityLauncher(ENTRY);
    launcher.launch();
    launcher.launch();
    expect(electron.utilityProcess.fork).toHaveBeenCalledTimes(2);
    expect(electron.utilityProcess.fork.mock.calls.map(([path, args]) => [path, args])).toEqual([
      [ENTRY, []],
      [ENTRY, []]
    ]);
    expect(electron.forked[0]).not.toBe(electron.forked[1]);
  });

  it('send() posts the message unchanged once the process runs', () => {
    const { child, utility } = launch();
    utility.pid = 4242;
    const start: ToCompute = {
      type: 'start',
      jobId: 'job-1',
      kind: 'probe',
      input: { x: new Float32Array([1, 2]) }
    };
    child.send(start);
    child.send({ type: 'shutdown' });
    expect(utility.postMessage.mock.calls).toEqual([[start], [{ type: 'shutdown' }]]);
    expect(utility.postMessage.mock.calls[0]?.[0]).toBe(start);
  });

  it('send() after the process has exited neither throws nor posts', () => {
    const { child, utility } = launch();
    utility.pid = 4242;
    utility.emit('exit', 0);
    // Electron clears the pid of an exited utility process.
    utility.pid = undefined;
    expect(() => child.send({ type: 'cancel', jobId: 'job-1' })).not.toThrow();
    expect(utility.postMessage).not.toHaveBeenCalled();
  });

  it("forwards the process's stdout and stderr to this process's stderr, never its stdout", async () => {
    const { utility } = launch();
    const written: { stream: string; text: string }[] = [];
    const capture = (stream: string) => (chunk: string | Uint8Array) => {
      written.push({ stream, text: Buffer.from(chunk).toString('utf8') });
      return true;
    };
    const toStdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture('stdout'));
    const toStderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture('stderr'));
    try {
      utility.stdout?.write('backend: wasm\n');
      utility.stderr?.write('warning: slow\n');
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      toStdout.mockRestore();
      toStderr.mockRestore();
    }
    expect(written).toEqual([
      { stream: 'stderr', text: 'backend: wasm\n' },
      { stream: 'stderr', text: 'warning: slow\n' }
    ]);
  });

  it('onMessage() receives each message exactly as the process sent it', () => {
    const { child, utility } = launch();
    const received: unknown[][] = [];
    child.onMessage((...args: unknown[]) => received.push(args));
    const ready = { type: 'ready', backend: BACKEND, pid: 4242 };
    utility.emit('message', ready);
    utility.emit('message', 'not even an object');
    expect(received).toEqual([[ready], ['not even an object']]);
    expect(received[0]?.[0]).toBe(ready);
  });

  it('onExit() reports the exit code and no signal, to every listener', () => {
    const { child, utility } = launch();
    const first: [number | null, string | null][] = [];
    const second: [number | null, string | null][] = [];
    child.onExit((code, signal) => first.push([code, signal]));
    child.onExit((code, signal) => second.push([code, signal]));
    utility.emit('exit', 3);
    expect(first).toEqual([[3, null]]);
    expect(second).toEqual([[3, null]]);
  });

  it('kill() ends the utility process', () => {
    const { child, utility } = launch();
    child.kill();
    expect(utility.kill).toHaveBeenCalledTimes(1);
  });

  it('pid follows the process: unknown until it has spawned', () => {
    const { child, utility } = launch();
    expect(child.pid).toBeUndefined();
    utility.pid = 31337;
    expect(child.pid).toBe(31337);
  });

  it('survives a fatal error report from the process and still reports its exit', () => {
    const { child, utility } = launch();
    const exits: (number | null)[] = [];
    child.onExit((code) => exits.push(code));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // Electron emits 'error' (type, location, report) for a fatal V8 error, e.g. out of memory,
      // then 'exit'. An EventEmitter with no 'error' listener would throw into the main process.
      expect(() => utility.emit('error', 'FatalError', 'v8::internal::Heap', '{}')).not.toThrow();
      utility.emit('exit', 133);
      expect(stderr).toHaveBeenCalledWith(expect.stringContaining('FatalError'));
    } finally {
      stderr.mockRestore();
    }
    expect(exits).toEqual([133]);
  });
});

describe('createUtilityLauncher behind ComputeHost', () => {
  it('delivers ready to the host and turns an exit into COMPUTE_FAILED for the next start', async () => {
    const host = new ComputeHost({ launcher: createUtilityLauncher(ENTRY), log: () => undefined });
    const backend = host.backend();
    const first = electron.forked[0];
    if (!first) throw new Error('the host launched nothing');
    first.pid = 500;
    first.emit('message', { type: 'ready', backend: BACKEND, pid: 500 });
    await expect(backend).resolves.toEqual(BACKEND);
    expect(host.pid()).toBe(500);

    first.emit('exit', 9);
    expect(host.pid()).toBeNull();

    const again = host.backend();
    const second = electron.forked[1];
    if (!second) throw new Error('the host did not start a fresh process');
    second.emit('exit', 1);
    await expect(again).rejects.toMatchObject({
      code: 'COMPUTE_FAILED',
      message: expect.stringContaining('exit code 1')
    });
  });
});
