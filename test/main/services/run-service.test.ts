import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '@shared/contract/channels';
import type { AppCore } from '../../../src-main/core/app-core';
import { openCore, smallConfig } from './real-core';

describe('RunService with a real compute process', () => {
  let core: AppCore | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  it('trains a run, stores epochs, model and records, and emits progress then finished', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'sbnn-run-')), 'a.sqlite');
    core = openCore(dbPath);
    const data = core.datasets.importSample('rotterdam');
    const ood = core.datasets.importSample('gbsg');
    const seen: EventName[] = [];
    core.events.subscribe((event) => seen.push(event));
    const runId = core.runs.start(smallConfig(data.id, ood.id, 3));
    await core.runs.wait(runId);

    const run = core.storage.runs.get(runId);
    expect(run?.error ?? null).toBeNull();
    expect(run?.status).toBe('finished');
    expect(run?.metrics?.counts).toMatchObject({ ood: 555 });
    const { train, validation, test } = run?.metrics?.counts ?? { train: 0, validation: 0, test: 0 };
    expect(train + validation + test).toBe(2950);
    expect(core.storage.epochs.list(runId).map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(core.storage.models.load(runId)).not.toBeNull();
    const records = core.storage.predictions.query({ runId, sort: 'row', offset: 0, limit: 5000 });
    expect(records.total).toBe(test + 555);
    expect(seen).toContain('run:progress');
    expect(seen.at(-1)).toBe('run:status');
  });

  it('marks the run interrupted when the compute process is killed, and the next run works', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'sbnn-kill-')), 'a.sqlite');
    core = openCore(dbPath);
    const data = core.datasets.importSample('rotterdam');
    const current = core;
    const killed = new Promise<void>((resolveKill) => {
      const unsubscribe = current.events.subscribe((event, payload) => {
        if (event === 'run:progress' && (payload as { phase: string }).phase === 'training') {
          unsubscribe();
          const pid = current.compute.pid();
          if (pid !== null) process.kill(pid, 'SIGKILL');
          resolveKill();
        }
      });
    });
    const doomed = core.runs.start(smallConfig(data.id, undefined, 200));
    await killed;
    await core.runs.wait(doomed);
    const failed = core.storage.runs.get(doomed);
    expect(failed?.status).toBe('interrupted');
    expect(failed?.error).toMatch(/compute process stopped while this run was training.*Resume it/i);
    expect(failed?.error).toMatch(/stopped unexpectedly \(signal SIGKILL\)/i);

    const next = core.runs.start(smallConfig(data.id, undefined, 2));
    await core.runs.wait(next);
    expect(core.storage.runs.get(next)?.status).toBe('finished');
  });

  it('resumes a run whose compute process was killed from its checkpoint, ending as an uninterrupted run', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'sbnn-resume-')), 'a.sqlite');
    core = openCore(dbPath);
    const data = core.datasets.importSample('rotterdam');
    const config = smallConfig(data.id, undefined, 8);
    const whole = core.runs.start(config);
    await core.runs.wait(whole);
    expect(core.storage.runs.get(whole)?.status).toBe('finished');

    const current = core;
    let doomed = 0;
    let killedAfter = 0;
    const killed = new Promise<void>((resolveKill) => {
      const unsubscribe = current.events.subscribe((event) => {
        const stored = doomed > 0 ? (current.storage.runs.get(doomed)?.checkpointEpoch ?? null) : null;
        if (event === 'run:progress' && stored !== null) {
          // Killed the moment its first checkpoint is stored (after epoch 1), mid-training.
          unsubscribe();
          killedAfter = stored;
          const pid = current.compute.pid();
          if (pid !== null) process.kill(pid, 'SIGKILL');
          resolveKill();
        }
      });
    });
    doomed = core.runs.start(config);
    await killed;
    await core.runs.wait(doomed);
    const interrupted = core.storage.runs.get(doomed);
    expect(interrupted?.status).toBe('interrupted');
    expect(killedAfter).toBe(1);
    expect(interrupted?.checkpointEpoch).toBe(1);

    expect(core.runs.resume(doomed)).toEqual({ runId: doomed, fromEpoch: 1 });
    expect(() => core?.runs.resume(doomed)).toThrow(/only an interrupted or cancelled run/);
    await core.runs.wait(doomed);
    const resumed = core.storage.runs.get(doomed);
    const reference = core.storage.runs.get(whole);
    expect(resumed?.error ?? null).toBeNull();
    expect(resumed?.status).toBe('finished');
    expect(resumed?.checkpointEpoch).toBeNull();
    // Epochs 1..8 once each; the resumed ones match the uninterrupted run's to float32 rounding.
    const epochs = core.storage.epochs.list(doomed);
    const reference8 = core.storage.epochs.list(whole);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    epochs.forEach((e, i) => expect(e.valLoss).toBeCloseTo(reference8[i]?.valLoss ?? NaN, 4));
    expect(resumed?.bestEpoch).toBe(reference?.bestEpoch);
    expect(resumed?.metrics?.test.nll).toBeCloseTo(reference?.metrics?.test.nll ?? NaN, 4);
    expect(() => core?.runs.resume(doomed)).toThrow(/is finished; only an interrupted or cancelled run/);
  });

  it('cancels a running run and records it as cancelled', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'sbnn-cancel-')), 'a.sqlite');
    core = openCore(dbPath);
    const data = core.datasets.importSample('rotterdam');
    const current = core;
    const runId = core.runs.start(smallConfig(data.id, undefined, 500));
    await new Promise<void>((resolveStarted) => {
      const unsubscribe = current.events.subscribe((event, payload) => {
        if (event === 'run:progress' && (payload as { phase: string }).phase === 'training') {
          unsubscribe();
          resolveStarted();
        }
      });
    });
    expect(core.runs.cancel(runId)).toBe(true);
    await core.runs.wait(runId);
    expect(core.storage.runs.get(runId)?.status).toBe('cancelled');
    expect(core.runs.cancel(runId)).toBe(false);
  });

  it('marks a run left running by a crash as interrupted at the next start', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'sbnn-crash-')), 'a.sqlite');
    core = openCore(dbPath);
    const data = core.datasets.importSample('rotterdam');
    // A run row as a killed main process leaves it: created and marked running, never finished.
    const runId = core.storage.runs.create({
      name: 'cut short',
      config: smallConfig(data.id, undefined, 5),
      datasetId: data.id,
      arch: 'mlp',
      method: 'sbnn',
      seed: 3,
      appVersion: 'test'
    });
    core.storage.runs.markRunning(runId, {
      backend: 'wasm',
      dataHash: data.hash,
      startedAt: new Date().toISOString()
    });
    core.storage.close();
    core = openCore(dbPath);
    const run = core.storage.runs.get(runId);
    expect(run?.status).toBe('interrupted');
    expect(run?.error).toBeTruthy();
  });
});
