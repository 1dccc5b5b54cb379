import { describe, expect, it } from 'vitest';
import type { RunMetrics } from '@shared/domain/records';
import {
  INTERRUPTED_WHILE_QUEUED,
  INTERRUPTED_WHILE_RUNNING
} from '../../../src-main/storage/runs-repository';
import {
  appErrorOf,
  countRows,
  newDataset,
  newRun,
  prediction,
  seedRun,
  useTempStorage
} from './storage-fixtures';

const METRICS: RunMetrics = {
  test: { accuracy: 0.875, nll: 0.31, brier: 0.09, ece: 0.021, auroc: null },
  ood: { auroc: 0.91, auprIn: 0.88, auprOut: 0.93, fpr95: 0.27 },
  oodThreshold: 2.5,
  counts: { train: 700, validation: 150, test: 150, ood: 40 }
};

const OUTCOME = {
  task: 'binary' as const,
  params: 12345,
  positiveClass: 'yes',
  classes: ['no', 'yes'],
  metrics: METRICS,
  bestEpoch: 17,
  trainSeconds: 42.5,
  finishedAt: '2026-01-02T04:00:00.000Z'
};

const START = { backend: 'wasm', dataHash: 'f'.repeat(64), startedAt: '2026-01-02T03:59:00.000Z' };

describe('RunsRepository', () => {
  const storage = useTempStorage();

  it('creates a queued run and reads every field back', () => {
    const datasetId = storage().datasets.insert(newDataset({ name: 'cohort A' })).id; // clock 03:04:05
    const oodId = storage().datasets.insert(newDataset({ name: 'cohort B' })).id; // 03:04:06
    const input = newRun(datasetId, { name: 'baseline', oodDatasetId: oodId, seed: 99, appVersion: '0.1.0' });
    const id = storage().runs.create(input); // 03:04:07
    expect(storage().runs.get(id)).toEqual({
      id,
      name: 'baseline',
      datasetId,
      datasetName: 'cohort A',
      status: 'queued',
      task: null,
      arch: 'mlp',
      method: 'sbnn',
      backend: null,
      params: null,
      createdAt: '2026-01-02T03:04:07.000Z',
      finishedAt: null,
      trainSeconds: null,
      error: null,
      metrics: null,
      config: input.config,
      seed: 99,
      dataHash: null,
      appVersion: '0.1.0',
      positiveClass: null,
      classes: null,
      bestEpoch: null,
      checkpointEpoch: null
    });
  });

  it('refuses a run on a missing dataset', () => {
    const datasetId = storage().datasets.insert(newDataset()).id;
    expect(appErrorOf(() => storage().runs.create(newRun(77)))).toMatch(/^NOT_FOUND: Dataset 77/);
    expect(appErrorOf(() => storage().runs.create(newRun(datasetId, { oodDatasetId: 78 })))).toMatch(
      /^NOT_FOUND: Dataset 78/
    );
    expect(storage().runs.list()).toEqual([]);
  });

  it('records start and finish', () => {
    const { runId } = seedRun(storage());
    storage().runs.markRunning(runId, START);
    expect(storage().runs.get(runId)).toMatchObject({
      status: 'running',
      backend: 'wasm',
      dataHash: 'f'.repeat(64)
    });
    storage().runs.finish(runId, OUTCOME);
    expect(storage().runs.get(runId)).toMatchObject({
      status: 'finished',
      task: 'binary',
      params: 12345,
      positiveClass: 'yes',
      classes: ['no', 'yes'],
      metrics: METRICS,
      bestEpoch: 17,
      trainSeconds: 42.5,
      finishedAt: '2026-01-02T04:00:00.000Z',
      error: null
    });
  });

  it('allows only the documented status transitions', () => {
    const { runId } = seedRun(storage());
    expect(appErrorOf(() => storage().runs.finish(runId, OUTCOME))).toBe(
      `CONFLICT: Run ${runId} is queued; it must be running to finish.`
    );
    storage().runs.markRunning(runId, START);
    expect(appErrorOf(() => storage().runs.markRunning(runId, START))).toMatch(
      /^CONFLICT: Run \d+ is running/
    );
    storage().runs.fail(runId, 'cancelled', 'Cancelled by the user.');
    expect(storage().runs.get(runId)).toMatchObject({ status: 'cancelled', error: 'Cancelled by the user.' });
    expect(appErrorOf(() => storage().runs.fail(runId, 'failed', 'again'))).toMatch(
      /^CONFLICT: Run \d+ is cancelled/
    );
    expect(appErrorOf(() => storage().runs.markRunning(999, START))).toMatch(/^NOT_FOUND: Run 999/);
  });

  it('reopens only an interrupted or cancelled run, as queued with its error cleared', () => {
    const { runId } = seedRun(storage());
    expect(appErrorOf(() => storage().runs.reopen(runId))).toBe(
      `CONFLICT: Run ${runId} is queued; it must be interrupted or cancelled to be resumed.`
    );
    storage().runs.markRunning(runId, START);
    storage().runs.fail(runId, 'interrupted', 'The compute process stopped.');
    expect(storage().runs.get(runId)).toMatchObject({
      status: 'interrupted',
      finishedAt: expect.any(String)
    });
    storage().runs.reopen(runId);
    expect(storage().runs.get(runId)).toMatchObject({ status: 'queued', error: null, finishedAt: null });
    storage().runs.markRunning(runId, START);
    storage().runs.fail(runId, 'cancelled', 'Cancelled by the user.');
    storage().runs.reopen(runId);
    storage().runs.markRunning(runId, START);
    storage().runs.finish(runId, OUTCOME);
    expect(appErrorOf(() => storage().runs.reopen(runId))).toMatch(/^CONFLICT: Run \d+ is finished/);
    const failed = seedRun(storage()).runId;
    storage().runs.fail(failed, 'failed', 'The loss became NaN.');
    expect(appErrorOf(() => storage().runs.reopen(failed))).toMatch(/^CONFLICT: Run \d+ is failed/);
    expect(appErrorOf(() => storage().runs.reopen(999))).toMatch(/^NOT_FOUND: Run 999/);
  });

  it('fails a queued run with a timestamp', () => {
    const { runId } = seedRun(storage()); // dataset 03:04:05, run 03:04:06
    storage().runs.fail(runId, 'failed', 'The loss became NaN at epoch 3.');
    expect(storage().runs.get(runId)).toMatchObject({
      status: 'failed',
      error: 'The loss became NaN at epoch 3.',
      finishedAt: '2026-01-02T03:04:07.000Z'
    });
  });

  it('lists newest first, joined with the dataset name', () => {
    const a = storage().datasets.insert(newDataset({ name: 'cohort A' })).id;
    const b = storage().datasets.insert(newDataset({ name: 'cohort B' })).id;
    const first = storage().runs.create(newRun(a, { name: 'first' }));
    const second = storage().runs.create(newRun(b, { name: 'second' }));
    const third = storage().runs.create(newRun(a, { name: 'third' }));
    const listed = storage().runs.list();
    expect(listed.map((r) => [r.id, r.name, r.datasetName])).toEqual([
      [third, 'third', 'cohort A'],
      [second, 'second', 'cohort B'],
      [first, 'first', 'cohort A']
    ]);
    expect(listed[0]).not.toHaveProperty('config');
  });

  it('marks runs cut off by a crash as interrupted, once, leaving ended runs alone', () => {
    const datasetId = storage().datasets.insert(newDataset()).id;
    const running = storage().runs.create(newRun(datasetId));
    const queued = storage().runs.create(newRun(datasetId));
    const finished = storage().runs.create(newRun(datasetId));
    storage().runs.markRunning(running, START);
    storage().runs.markRunning(finished, START);
    storage().runs.finish(finished, OUTCOME);

    expect(storage().runs.markInterrupted()).toBe(2);
    expect(storage().runs.get(running)).toMatchObject({
      status: 'interrupted',
      error: INTERRUPTED_WHILE_RUNNING
    });
    expect(storage().runs.get(queued)).toMatchObject({
      status: 'interrupted',
      error: INTERRUPTED_WHILE_QUEUED
    });
    expect(storage().runs.get(finished)).toMatchObject({ status: 'finished', error: null });
    expect(INTERRUPTED_WHILE_RUNNING).toMatch(/stopped while this run was training/);
    expect(storage().runs.markInterrupted()).toBe(0);
  });

  it('deletes an ended run with its epochs, model, predictions and review notes', () => {
    const { runId, datasetId } = seedRun(storage());
    const other = storage().runs.create(newRun(datasetId));
    for (const id of [runId, other]) {
      storage().epochs.append(id, {
        epoch: 0,
        loss: 1,
        nll: 1,
        kl: 0,
        klWeight: 0,
        valLoss: 1,
        valNll: 1,
        valMetric: 0.5,
        seconds: 0.1
      });
      storage().models.save(id, 1, '{"layers":[]}');
      storage().predictions.insertMany(id, [prediction('test', 0), prediction('test', 1)]);
      storage().notes.add({ runId: id, split: 'test', rowIndex: 0, outcome: 'confirmed', note: 'first' });
      storage().notes.add({
        runId: id,
        split: 'test',
        rowIndex: 0,
        outcome: 'disagree',
        note: 'second look'
      });
    }
    storage().runs.fail(runId, 'cancelled', 'Cancelled by the user.');

    expect(storage().runs.delete(runId)).toBe(true);
    expect(storage().runs.get(runId)).toBeNull();
    for (const table of ['epochs', 'models', 'predictions', 'review_notes']) {
      expect([table, countRows(storage(), table, runId)]).toEqual([table, 0]);
    }
    // The other run's rows are untouched.
    expect(countRows(storage(), 'epochs', other)).toBe(1);
    expect(countRows(storage(), 'predictions', other)).toBe(2);
    expect(countRows(storage(), 'review_notes', other)).toBe(2);
    expect(storage().runs.delete(runId)).toBe(false);
    expect(storage().integrityCheck()).toBe('ok');
  });

  it('refuses to delete a queued or running run', () => {
    const { runId } = seedRun(storage());
    expect(appErrorOf(() => storage().runs.delete(runId))).toBe(
      `CONFLICT: Run ${runId} is queued. Cancel it first, then delete it.`
    );
    storage().runs.markRunning(runId, START);
    expect(appErrorOf(() => storage().runs.delete(runId))).toMatch(/^CONFLICT: Run \d+ is running/);
    expect(storage().runs.get(runId)).not.toBeNull();
  });
});
