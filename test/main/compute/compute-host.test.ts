import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/errors';
import type { BackendInfo } from '@shared/domain/records';
import { ComputeHost } from '../../../src-main/compute/compute-host';
import { BACKEND, ScriptedLauncher } from './scripted-launcher';

/**
 * ComputeHost against a scripted child: every message and exit is chosen by the test, so the
 * host's bookkeeping (routing, cancel, deaths, restarts, shutdown) is checked deterministically.
 */

function makeHost(
  options: { startTimeoutMs?: number; shutdownTimeoutMs?: number; cancelTimeoutMs?: number } = {}
) {
  const launcher = new ScriptedLauncher();
  const logged: string[] = [];
  const host = new ComputeHost({ launcher, log: (l) => logged.push(l), ...options });
  return { host, launcher, logged };
}

/** Lets pending promise callbacks and immediates run. */
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

async function rejectionOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** Starts a host whose child is ready, and returns both. */
async function readyHost(options: Parameters<typeof makeHost>[0] = {}) {
  const made = makeHost(options);
  const backend = made.host.backend();
  made.launcher.last.emit({ type: 'ready', backend: BACKEND, pid: 4242 });
  expect(await backend).toEqual(BACKEND);
  return made;
}

describe('ComputeHost', () => {
  it('starts the process on first use and reports its backend and pid', async () => {
    const { host, launcher } = makeHost();
    const seen: BackendInfo[] = [];
    host.onBackend((b) => seen.push(b));
    expect(host.currentBackend()).toBeNull();
    expect(host.pid()).toBeNull();
    const backend = host.backend();
    expect(launcher.children).toHaveLength(1);
    launcher.last.emit({ type: 'ready', backend: BACKEND, pid: 4242 });
    expect(await backend).toEqual(BACKEND);
    expect(seen).toEqual([BACKEND]);
    expect(host.currentBackend()).toEqual(BACKEND);
    expect(host.pid()).toBe(1000);
    await host.backend();
    expect(launcher.children).toHaveLength(1);
  });

  it('routes progress and the result of a job to its caller', async () => {
    const { host, launcher } = await readyHost();
    const progress: unknown[] = [];
    const run = host.run('probe', { durationMs: 10, size: 4 }, { onProgress: (p) => progress.push(p) });
    await tick();
    const child = launcher.last;
    expect(child.sent).toEqual([
      { type: 'start', jobId: child.jobId(), kind: 'probe', input: { durationMs: 10, size: 4 } }
    ]);
    child.emit({ type: 'progress', jobId: child.jobId(), progress: { steps: 1, elapsedMs: 3 } });
    child.emit({ type: 'result', jobId: child.jobId(), result: { steps: 1, backend: 'wasm' } });
    expect(await run).toEqual({ steps: 1, backend: 'wasm' });
    expect(progress).toEqual([{ steps: 1, elapsedMs: 3 }]);
  });

  it('ignores malformed messages and answers for unknown jobs', async () => {
    const { host, launcher, logged } = await readyHost();
    const run = host.run('probe', { durationMs: 10, size: 4 });
    await tick();
    const child = launcher.last;
    const jobId = child.jobId();
    child.emit('garbage');
    child.emit({ type: 'result', result: { steps: 9, backend: 'x' } });
    child.emit({ type: 'error', jobId, error: { code: 'NOT_A_CODE', message: 'x' } });
    child.emit({ type: 'ready', backend: { name: 'quantum' }, pid: 1 });
    child.emit({ type: 'result', jobId: 'job-unknown', result: { steps: 9, backend: 'x' } });
    expect(logged.filter((l) => l.startsWith('Ignored a malformed message'))).toHaveLength(4);
    child.emit({ type: 'result', jobId, result: { steps: 2, backend: 'wasm' } });
    expect(await run).toEqual({ steps: 2, backend: 'wasm' });
  });

  it('rejects input that cannot be sent, and keeps serving other jobs', async () => {
    const { host, launcher } = await readyHost();
    const child = launcher.last;
    const send = child.send.bind(child);
    child.send = (msg) => {
      if (msg.type === 'start' && msg.input === null) throw new Error('function could not be cloned');
      send(msg);
    };
    const err = await rejectionOf(host.run('probe', null as unknown as { durationMs: number; size: number }));
    expect([err.code, err.message]).toEqual([
      'BAD_REQUEST',
      'The input of the probe job cannot be sent to the compute process: function could not be cloned'
    ]);
    const ok = host.run('probe', { durationMs: 10, size: 4 });
    await tick();
    child.emit({ type: 'result', jobId: child.jobId(), result: { steps: 1, backend: 'wasm' } });
    expect(await ok).toEqual({ steps: 1, backend: 'wasm' });
  });

  it('turns an error answer into an AppError with its code and place', async () => {
    const { host, launcher } = await readyHost();
    const run = host.run('probe', { durationMs: 10, size: 4 });
    await tick();
    const where = { file: 'a.csv', row: 3 };
    launcher.last.emit({
      type: 'error',
      jobId: launcher.last.jobId(),
      error: { code: 'BAD_DATA', message: 'No rows.', where }
    });
    const err = await rejectionOf(run);
    expect([err.code, err.message, err.where]).toEqual(['BAD_DATA', 'No rows.', where]);
  });

  it('sends cancel on abort and rejects with CANCELLED when the job stops', async () => {
    const { host, launcher } = await readyHost();
    const controller = new AbortController();
    const run = host.run('probe', { durationMs: 10, size: 4 }, { signal: controller.signal });
    await tick();
    const child = launcher.last;
    controller.abort();
    expect(child.sent[1]).toEqual({ type: 'cancel', jobId: child.jobId() });
    child.emit({
      type: 'error',
      jobId: child.jobId(),
      error: { code: 'CANCELLED', message: 'The job was cancelled.' }
    });
    expect((await rejectionOf(run)).code).toBe('CANCELLED');
  });

  it('does not start a job whose signal is already aborted', async () => {
    const { host, launcher } = await readyHost();
    const err = await rejectionOf(
      host.run('probe', { durationMs: 10, size: 4 }, { signal: AbortSignal.abort() })
    );
    expect(err.code).toBe('CANCELLED');
    expect(launcher.last.sent).toEqual([]);
  });

  it('kills the process when a cancelled job does not stop, failing the jobs queued behind it', async () => {
    const { host, launcher } = await readyHost({ cancelTimeoutMs: 20 });
    const controller = new AbortController();
    const stuck = host.run('probe', { durationMs: 10, size: 4 }, { signal: controller.signal });
    const queued = host.run('probe', { durationMs: 10, size: 4 });
    await tick();
    controller.abort();
    expect((await rejectionOf(stuck)).code).toBe('CANCELLED');
    expect(launcher.last.killed).toBe(true);
    const err = await rejectionOf(queued);
    expect(err.code).toBe('COMPUTE_FAILED');
    expect(err.message).toBe(
      'The app stopped the compute process before this job started because an earlier job did not stop within 20 ms of being cancelled; start the job again (a fresh compute process will be started).'
    );
  });

  it('fails the jobs of a process that dies and starts a fresh process for the next job', async () => {
    const { host, launcher } = await readyHost();
    const running = host.run('probe', { durationMs: 10, size: 4 });
    const waiting = host.run('probe', { durationMs: 10, size: 4 });
    await tick();
    launcher.last.exit(null, 'SIGKILL');
    const first = await rejectionOf(running);
    expect(first.code).toBe('COMPUTE_FAILED');
    expect(first.message).toBe(
      'The compute process stopped unexpectedly (signal SIGKILL) while running this job; start the job again (a fresh compute process will be started).'
    );
    expect((await rejectionOf(waiting)).message).toContain('(signal SIGKILL) before this job started');
    expect(host.pid()).toBeNull();
    expect(host.currentBackend()).toBeNull();

    const next = host.run('probe', { durationMs: 10, size: 4 });
    expect(launcher.children).toHaveLength(2);
    const fresh = launcher.last;
    fresh.emit({ type: 'ready', backend: BACKEND, pid: 4343 });
    await tick();
    fresh.emit({ type: 'result', jobId: fresh.jobId(), result: { steps: 1, backend: 'wasm' } });
    expect(await next).toEqual({ steps: 1, backend: 'wasm' });
    expect(host.pid()).toBe(1001);
  });

  it('reports a process that cannot start: fatal message, early exit, or no ready in time', async () => {
    const fatal = makeHost();
    const run = fatal.host.run('probe', { durationMs: 10, size: 4 });
    fatal.launcher.last.emit({
      type: 'fatal',
      error: {
        code: 'COMPUTE_FAILED',
        message: 'SBNN_BACKEND=tensorflow asks for the tensorflow backend, but it is missing.'
      }
    });
    const err = await rejectionOf(run);
    expect([err.code, err.message]).toEqual([
      'COMPUTE_FAILED',
      'The compute process could not start: SBNN_BACKEND=tensorflow asks for the tensorflow backend, but it is missing.'
    ]);

    const early = makeHost();
    const backend = early.host.backend();
    early.launcher.last.exit(1, null);
    expect((await rejectionOf(backend)).message).toBe(
      'The compute process stopped (exit code 1) before it was ready; see the log for the cause, then try again.'
    );

    const slow = makeHost({ startTimeoutMs: 20 });
    const slowBackend = slow.host.backend();
    expect((await rejectionOf(slowBackend)).message).toContain('did not start within');
    await tick();
    expect(slow.launcher.last.killed).toBe(true);
  });

  it('shuts the process down on dispose, killing it if it does not exit in time', async () => {
    const polite = await readyHost();
    const disposed = polite.host.dispose();
    expect(polite.launcher.last.sent).toEqual([{ type: 'shutdown' }]);
    polite.launcher.last.exit(0, null);
    await disposed;
    expect(polite.launcher.last.killed).toBe(false);

    const stubborn = await readyHost({ shutdownTimeoutMs: 20 });
    const pending = stubborn.host.run('probe', { durationMs: 10, size: 4 });
    await tick();
    await stubborn.host.dispose();
    expect(stubborn.launcher.last.killed).toBe(true);
    const err = await rejectionOf(pending);
    expect([err.code, err.message]).toEqual([
      'CANCELLED',
      'The compute process was shut down before this job finished.'
    ]);
  });
});
