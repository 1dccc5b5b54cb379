import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EpochMetrics } from '@shared/domain/records';
import { openStorage, type Storage } from '../../../src-main/storage/storage';
import { appErrorOf, seedRun, tempDir } from './storage-fixtures';

function epoch(n: number, overrides: Partial<EpochMetrics> = {}): EpochMetrics {
  return {
    epoch: n,
    loss: 1 / (n + 1),
    nll: 0.5,
    kl: 120.25,
    klWeight: 0.001,
    valLoss: 0.75,
    valNll: 0.7,
    valMetric: 0.8125,
    seconds: 0.25,
    ...overrides
  };
}

describe('EpochsRepository', () => {
  let storage: Storage;
  let cleanup: () => void;
  beforeEach(() => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    storage = openStorage(`${tmp.dir}/app.db`);
  });
  afterEach(() => {
    storage.close();
    cleanup();
  });

  it('lists epochs in epoch order with every value intact', () => {
    const { runId } = seedRun(storage);
    storage.epochs.append(runId, epoch(1));
    storage.epochs.append(runId, epoch(0));
    storage.epochs.append(runId, epoch(2, { klWeight: 1 }));
    expect(storage.epochs.list(runId)).toEqual([epoch(0), epoch(1), epoch(2, { klWeight: 1 })]);
  });

  it('drops the epochs after a given one (a resumed run trains them again)', () => {
    const { runId } = seedRun(storage);
    const other = seedRun(storage).runId;
    for (const n of [1, 2, 3, 4]) storage.epochs.append(runId, epoch(n));
    storage.epochs.append(other, epoch(3));
    expect(storage.epochs.deleteAfter(runId, 2)).toBe(2);
    expect(storage.epochs.list(runId).map((e) => e.epoch)).toEqual([1, 2]);
    expect(storage.epochs.list(other).map((e) => e.epoch)).toEqual([3]);
    storage.epochs.append(runId, epoch(3));
    expect(storage.epochs.deleteAfter(runId, 0)).toBe(3);
  });

  it('keeps NaN and infinities (a diverged loss) as they were', () => {
    const { runId } = seedRun(storage);
    storage.epochs.append(
      runId,
      epoch(0, { loss: Number.NaN, kl: Number.POSITIVE_INFINITY, nll: -Infinity })
    );
    const [stored] = storage.epochs.list(runId);
    expect(stored?.loss).toBeNaN();
    expect(stored?.kl).toBe(Number.POSITIVE_INFINITY);
    expect(stored?.nll).toBe(Number.NEGATIVE_INFINITY);
    expect(stored?.valLoss).toBe(0.75);
  });

  it('refuses a repeated epoch and an unknown run', () => {
    const { runId } = seedRun(storage);
    storage.epochs.append(runId, epoch(0));
    expect(appErrorOf(() => storage.epochs.append(runId, epoch(0)))).toBe(
      `CONFLICT: Epoch 0 of run ${runId} is already recorded.`
    );
    expect(appErrorOf(() => storage.epochs.append(404, epoch(0)))).toMatch(/^NOT_FOUND: Run 404/);
    expect(storage.epochs.list(404)).toEqual([]);
  });
});
