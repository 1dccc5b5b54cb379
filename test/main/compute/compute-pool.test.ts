import { describe, expect, it } from 'vitest';
import { ComputePool } from '../../../src-main/compute/compute-pool';
import { BACKEND, ScriptedLauncher } from './scripted-launcher';
import type { ScriptedChild } from './scripted-launcher';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

function ready(child: ScriptedChild | undefined): void {
  child?.emit({ type: 'ready', backend: BACKEND, pid: child.pid });
}

const probe = { durationMs: 0, size: 2 };

describe('ComputePool', () => {
  it('sends concurrent jobs to separate processes up to its size, then to the least busy', async () => {
    const launcher = new ScriptedLauncher();
    const pool = new ComputePool({ launcher, size: 2 });
    const first = pool.run('probe', probe);
    const second = pool.run('probe', probe);
    const third = pool.run('probe', probe);
    expect(launcher.children).toHaveLength(2);
    for (const child of launcher.children) ready(child);
    await tick();
    const [a, b] = launcher.children as [ScriptedChild, ScriptedChild];
    // Two jobs on the first process (queued there), one on the second.
    expect(a.sent.filter((m) => m.type === 'start')).toHaveLength(2);
    expect(b.sent.filter((m) => m.type === 'start')).toHaveLength(1);
    a.emit({ type: 'result', jobId: a.jobId(0), result: { steps: 1, backend: 'wasm' } });
    b.emit({ type: 'result', jobId: b.jobId(0), result: { steps: 2, backend: 'wasm' } });
    a.emit({ type: 'result', jobId: a.jobId(1), result: { steps: 3, backend: 'wasm' } });
    expect((await first).steps).toBe(1);
    expect((await second).steps).toBe(2);
    expect((await third).steps).toBe(3);
    expect(pool.pids()).toEqual([a.pid, b.pid]);
  });

  it('reuses an idle process before starting another', async () => {
    const launcher = new ScriptedLauncher();
    const pool = new ComputePool({ launcher, size: 4 });
    const job = pool.run('probe', probe);
    ready(launcher.last);
    await tick();
    launcher.last.emit({
      type: 'result',
      jobId: launcher.last.jobId(0),
      result: { steps: 1, backend: 'wasm' }
    });
    await job;
    const next = pool.run('probe', probe);
    await tick();
    expect(launcher.children).toHaveLength(1);
    launcher.last.emit({
      type: 'result',
      jobId: launcher.last.jobId(1),
      result: { steps: 5, backend: 'wasm' }
    });
    expect((await next).steps).toBe(5);
  });

  it('with size 1 runs every job in one process, in order', async () => {
    const launcher = new ScriptedLauncher();
    const pool = new ComputePool({ launcher, size: 1 });
    const jobs = [pool.run('probe', probe), pool.run('probe', probe)];
    ready(launcher.last);
    await tick();
    expect(launcher.children).toHaveLength(1);
    expect(launcher.last.sent.filter((m) => m.type === 'start')).toHaveLength(2);
    launcher.last.emit({
      type: 'result',
      jobId: launcher.last.jobId(0),
      result: { steps: 1, backend: 'wasm' }
    });
    launcher.last.emit({
      type: 'result',
      jobId: launcher.last.jobId(1),
      result: { steps: 2, backend: 'wasm' }
    });
    expect((await Promise.all(jobs)).map((r) => r.steps)).toEqual([1, 2]);
  });

  it("reports every process's backend to its listeners and the primary's as the app's", async () => {
    const launcher = new ScriptedLauncher();
    const pool = new ComputePool({ launcher, size: 2 });
    const seen: string[] = [];
    pool.onBackend((b) => seen.push(b.name));
    const backend = pool.backend();
    ready(launcher.last);
    expect(await backend).toEqual(BACKEND);
    expect(pool.currentBackend()).toEqual(BACKEND);
    expect(seen).toEqual(['wasm']);
  });
});
