import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordPrediction } from '@shared/domain/records';
import type { PredictionSort } from '../../../src-main/storage/predictions-repository';
import { openStorage, type Storage } from '../../../src-main/storage/storage';
import { appErrorOf, countRows, prediction, seedRun, tempDir } from './storage-fixtures';

/*
 * Six records whose expected orders are worked out by hand:
 *   record        total  oodScore  flagged
 *   train 0       0.2    0.1       no
 *   train 1       0.9    0.5       no
 *   validation 0  0.5    0.9       yes
 *   test 0        NaN    0.3       no
 *   test 1        0.9    0.7       yes
 *   ood 0         0.4    2.0       yes
 * uncertainty (total desc, NaN last, ties by split name then row): test 1, train 1, validation 0, ood 0,
 *   train 0, test 0
 * oodScore (desc): ood 0, validation 0, test 1, train 1, test 0, train 0
 * row (pipeline split order, then row): train 0, train 1, validation 0, test 0, test 1, ood 0
 */
const RECORDS: RecordPrediction[] = [
  prediction('train', 0, { total: 0.2, oodScore: 0.1 }),
  prediction('train', 1, { total: 0.9, oodScore: 0.5 }),
  prediction('validation', 0, { total: 0.5, oodScore: 0.9, oodFlag: true }),
  prediction('test', 0, { total: Number.NaN, oodScore: 0.3 }),
  prediction('test', 1, { total: 0.9, oodScore: 0.7, oodFlag: true }),
  prediction('ood', 0, { total: 0.4, oodScore: 2, oodFlag: true, actual: null, correct: null })
];

const keys = (records: RecordPrediction[]) => records.map((r) => `${r.split} ${r.rowIndex}`);

describe('PredictionsRepository', () => {
  let storage: Storage;
  let cleanup: () => void;
  let runId: number;
  beforeEach(() => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    storage = openStorage(`${tmp.dir}/app.db`);
    runId = seedRun(storage).runId;
  });
  afterEach(() => {
    storage.close();
    cleanup();
  });

  const all = (sort: PredictionSort) => storage.predictions.query({ runId, sort, offset: 0, limit: 100 });

  it('round-trips every field, including NaN, ids, imputed inputs and a null correctness', () => {
    const record = prediction('scored', 3, {
      ids: { patient: 'P-003', visit: '2' },
      actual: null,
      prediction: 'yes',
      value: 0.73,
      lower: Number.NaN,
      upper: 0.99,
      epistemic: 0.12,
      aleatoric: 0.41,
      total: 0.53,
      oodScore: 7.25,
      oodFlag: true,
      imputed: ['age', 'bmi'],
      correct: null
    });
    storage.predictions.insertMany(runId, [record, prediction('scored', 4, { correct: false })]);
    const { total, records } = all('row');
    expect(total).toBe(2);
    expect(records[0]).toEqual(record);
    expect(records[0]?.lower).toBeNaN();
    expect(records[1]?.correct).toBe(false);
    expect(records[1]?.oodFlag).toBe(false);
  });

  it('round-trips conformal intervals (infinite bounds included) and prediction sets', () => {
    const interval = prediction('test', 0, { conformalLower: -1.25, conformalUpper: 7.5 });
    const unbounded = prediction('test', 1, {
      conformalLower: Number.NEGATIVE_INFINITY,
      conformalUpper: Number.POSITIVE_INFINITY
    });
    const set = prediction('test', 2, { conformalSet: ['no', 'yes, "maybe"'] });
    const none = prediction('test', 3);
    storage.predictions.insertMany(runId, [interval, unbounded, set, none]);
    const { records } = all('row');
    expect(records).toEqual([interval, unbounded, set, none]);
    expect(records[3]).not.toHaveProperty('conformalLower');
    expect(records[3]).not.toHaveProperty('conformalSet');
    expect(records[0]).not.toHaveProperty('conformalSet');
  });

  it('sorts by row, uncertainty and OOD score', () => {
    storage.predictions.insertMany(runId, RECORDS);
    expect(keys(all('row').records)).toEqual([
      'train 0',
      'train 1',
      'validation 0',
      'test 0',
      'test 1',
      'ood 0'
    ]);
    expect(keys(all('uncertainty').records)).toEqual([
      'test 1',
      'train 1',
      'validation 0',
      'ood 0',
      'train 0',
      'test 0'
    ]);
    expect(keys(all('oodScore').records)).toEqual([
      'ood 0',
      'validation 0',
      'test 1',
      'train 1',
      'test 0',
      'train 0'
    ]);
  });

  it('filters by split and by OOD flag, counting matches before paging', () => {
    storage.predictions.insertMany(runId, RECORDS);
    const q = { runId, offset: 0, limit: 100 };
    const flagged = storage.predictions.query({ ...q, sort: 'uncertainty', flaggedOnly: true });
    expect([flagged.total, keys(flagged.records)]).toEqual([3, ['test 1', 'validation 0', 'ood 0']]);
    const some = storage.predictions.query({ ...q, sort: 'row', splits: ['ood', 'train'] });
    expect([some.total, keys(some.records)]).toEqual([3, ['train 0', 'train 1', 'ood 0']]);
    const both = storage.predictions.query({ ...q, sort: 'oodScore', splits: ['test'], flaggedOnly: true });
    expect([both.total, keys(both.records)]).toEqual([1, ['test 1']]);
    expect(storage.predictions.query({ ...q, sort: 'row', splits: [] })).toEqual({ total: 0, records: [] });
    expect(storage.predictions.query({ ...q, runId: runId + 1, sort: 'row' })).toEqual({
      total: 0,
      records: []
    });
  });

  it('pages with offset and limit', () => {
    storage.predictions.insertMany(runId, RECORDS);
    const page = storage.predictions.query({ runId, sort: 'uncertainty', offset: 2, limit: 2 });
    expect([page.total, keys(page.records)]).toEqual([6, ['validation 0', 'ood 0']]);
    const past = storage.predictions.query({ runId, sort: 'uncertainty', offset: 6, limit: 2 });
    expect(past).toEqual({ total: 6, records: [] });
  });

  it('refuses a bad page or sort instead of reading a whole run', () => {
    storage.predictions.insertMany(runId, RECORDS);
    expect(appErrorOf(() => storage.predictions.query({ runId, sort: 'row', offset: 0, limit: -1 }))).toMatch(
      /^BAD_REQUEST: /
    );
    expect(appErrorOf(() => storage.predictions.query({ runId, sort: 'row', offset: -1, limit: 1 }))).toMatch(
      /^BAD_REQUEST: /
    );
    const injected = 'row; DROP TABLE predictions' as PredictionSort;
    expect(
      appErrorOf(() => storage.predictions.query({ runId, sort: injected, offset: 0, limit: 1 }))
    ).toMatch(/^BAD_REQUEST: Unknown sort order/);
    // A split list is data, never SQL.
    const hostile = ["train') OR 1=1 --"] as unknown as ['train'];
    expect(
      storage.predictions.query({ runId, sort: 'row', splits: hostile, offset: 0, limit: 10 }).total
    ).toBe(0);
    expect(countRows(storage, 'predictions', runId)).toBe(6);
  });

  it('inserts a batch all-or-nothing', () => {
    storage.predictions.insertMany(runId, [prediction('test', 0)]);
    const batch = [prediction('test', 5), prediction('test', 6), prediction('test', 0)];
    expect(appErrorOf(() => storage.predictions.insertMany(runId, batch))).toBe(
      `CONFLICT: Run ${runId} already has a prediction for test row 0.`
    );
    expect(countRows(storage, 'predictions', runId)).toBe(1);
    expect(appErrorOf(() => storage.predictions.insertMany(404, [prediction('test', 0)]))).toMatch(
      /^NOT_FOUND: Run 404/
    );
  });

  it('stores 100k records in one batch and pages through them by uncertainty', () => {
    const n = 100_000;
    const records = Array.from({ length: n }, (_, i) =>
      // total = ((i * 7919) mod n) / n is a permutation of 0, 1/n, ..., (n-1)/n (7919 is prime, n = 2^5 5^5).
      prediction(i % 2 === 0 ? 'train' : 'test', i, { total: ((i * 7919) % n) / n, oodFlag: i % 10 === 0 })
    );
    storage.predictions.insertMany(runId, records);
    const page = storage.predictions.query({ runId, sort: 'uncertainty', offset: 0, limit: 3 });
    expect(page.total).toBe(n);
    expect(page.records.map((r) => r.total)).toEqual([(n - 1) / n, (n - 2) / n, (n - 3) / n]);
    expect(
      storage.predictions.query({ runId, sort: 'row', flaggedOnly: true, offset: 0, limit: 1 }).total
    ).toBe(n / 10);
  });
});
