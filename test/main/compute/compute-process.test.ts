import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '@shared/contract/errors';
import { ComputeHost } from '../../../src-main/compute/compute-host';
import { createForkLauncher } from '../../../src-main/compute/fork-launcher';
import type { ProbeJob, ProbeProgress } from '../../../src-main/compute/jobs/job-types';

/**
 * The real thing: the TypeScript compute entry forked under tsx, driven through ComputeHost.
 * One process start costs about 1.5 s, so the tests share a host where they can.
 */

const ROOT = resolve(__dirname, '../../..');
const ENTRY = resolve(ROOT, 'src-main/compute/entry.ts');
const TSX = ['--import', 'tsx'];

function forkHost(env: Record<string, string> = {}): ComputeHost {
  return new ComputeHost({ launcher: createForkLauncher({ entryPath: ENTRY, execArgv: TSX, env }) });
}

async function rejectionOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('compute process (forked)', () => {
  const host = forkHost({ SBNN_BACKEND: '' });

  beforeAll(async () => {
    await host.backend();
  });

  afterAll(async () => {
    await host.dispose();
  });

  it('announces the wasm backend and why the native ones are unavailable', async () => {
    const info = await host.backend();
    expect(info.name).toBe('wasm');
    expect(info.unavailable).toEqual([
      { name: 'tensorflow-gpu', reason: '@tensorflow/tfjs-node-gpu is not installed' },
      { name: 'tensorflow', reason: '@tensorflow/tfjs-node is not installed' }
    ]);
    expect(host.pid()).toEqual(expect.any(Number));
    expect(host.pid()).not.toBe(process.pid);
  });

  it('runs a probe job and reports progress after every step', async () => {
    const progress: ProbeProgress[] = [];
    const result = await host.run(
      'probe',
      { durationMs: 200, size: 64 },
      { onProgress: (p) => progress.push(p) }
    );
    expect(result.backend).toBe('wasm');
    expect(result.steps).toBeGreaterThan(1);
    expect(progress.map((p) => p.steps)).toEqual(Array.from({ length: result.steps }, (_, i) => i + 1));
    expect(progress[progress.length - 1]!.elapsedMs).toBeGreaterThanOrEqual(200);
  });

  it('cancels a running job promptly with CANCELLED', async () => {
    const controller = new AbortController();
    let steps = 0;
    const run = host.run(
      'probe',
      { durationMs: 30_000, size: 64 },
      {
        signal: controller.signal,
        onProgress: (p) => {
          steps = p.steps;
          if (steps === 5) controller.abort();
        }
      }
    );
    const started = performance.now();
    const err = await rejectionOf(run);
    expect(err.code).toBe('CANCELLED');
    expect(performance.now() - started).toBeLessThan(5_000);
    // The process is still usable.
    expect((await host.run('probe', { durationMs: 0, size: 8 })).steps).toBe(1);
  });

  it('rejects invalid input with BAD_REQUEST', async () => {
    const err = await rejectionOf(host.run('probe', { durationMs: 10, size: 'big' } as unknown as ProbeJob));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain('size');
  });

  it('fails a job whose process is killed, and runs the next job in a fresh process', async () => {
    const firstPid = host.pid();
    expect(firstPid).toEqual(expect.any(Number));
    const run = host.run(
      'probe',
      { durationMs: 30_000, size: 64 },
      {
        onProgress: (p) => {
          if (p.steps === 3) process.kill(firstPid!, 'SIGKILL');
        }
      }
    );
    const err = await rejectionOf(run);
    expect(err.code).toBe('COMPUTE_FAILED');
    expect(err.message).toBe(
      'The compute process stopped unexpectedly (signal SIGKILL) while running this job; start the job again (a fresh compute process will be started).'
    );
    const next = await host.run('probe', { durationMs: 0, size: 8 });
    expect(next).toEqual({ steps: 1, backend: 'wasm' });
    expect(host.pid()).toEqual(expect.any(Number));
    expect(host.pid()).not.toBe(firstPid);
  });
});

describe('compute process environment and output', () => {
  it('uses the cpu backend when SBNN_BACKEND=cpu', async () => {
    const cpuHost = forkHost({ SBNN_BACKEND: 'cpu' });
    try {
      expect((await cpuHost.backend()).name).toBe('cpu');
      expect((await cpuHost.run('probe', { durationMs: 0, size: 8 })).backend).toBe('cpu');
    } finally {
      await cpuHost.dispose();
    }
  });

  it('reports a forced backend that is unavailable as a start failure', async () => {
    const nativeHost = forkHost({ SBNN_BACKEND: 'tensorflow' });
    const err = await rejectionOf(nativeHost.backend());
    expect(err.code).toBe('COMPUTE_FAILED');
    expect(err.message).toContain('@tensorflow/tfjs-node is not installed');
    await nativeHost.dispose();
  });

  it("forwards the child's output to stderr and keeps stdout clean", async () => {
    const out = vi.spyOn(process.stdout, 'write');
    const err = vi.spyOn(process.stderr, 'write');
    const quiet = forkHost();
    try {
      await quiet.run('probe', { durationMs: 0, size: 8 });
      const pid = quiet.pid();
      await quiet.dispose();
      const banner = `Compute process ${pid} (node-fork): tfjs backend wasm`;
      expect(err.mock.calls.some(([chunk]) => String(chunk).includes(banner))).toBe(true);
      expect(out).not.toHaveBeenCalled();
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });

  it('talks through process.parentPort when it runs as an Electron utilityProcess', async () => {
    const err = vi.spyOn(process.stderr, 'write');
    const utility = new ComputeHost({
      launcher: createForkLauncher({
        entryPath: ENTRY,
        execArgv: [...TSX, '--import', resolve(__dirname, 'fake-parent-port.ts')]
      })
    });
    try {
      const progress: ProbeProgress[] = [];
      const result = await utility.run(
        'probe',
        { durationMs: 0, size: 8 },
        { onProgress: (p) => progress.push(p) }
      );
      expect(result).toEqual({ steps: 1, backend: 'wasm' });
      expect(progress.map((p) => p.steps)).toEqual([1]);
      const banner = `Compute process ${utility.pid()} (electron-utility): tfjs backend wasm`;
      expect(err.mock.calls.some(([chunk]) => String(chunk).includes(banner))).toBe(true);
    } finally {
      err.mockRestore();
      await utility.dispose();
    }
  });

  it('sends console output inside the compute process to stderr', () => {
    const script = [
      "require('./src-main/compute/stdout-guard');",
      "console.log('via console.log');",
      "console.info('via console.info');",
      "process.stdout.write('via stdout.write\\n');"
    ].join('');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8'
    });
    expect(child.status).toBe(0);
    expect(child.stdout).toBe('');
    expect(child.stderr).toContain('via console.log\nvia console.info\nvia stdout.write\n');
  });
});
