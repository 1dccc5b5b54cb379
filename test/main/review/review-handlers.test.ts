import { afterEach, describe, expect, it, vi } from 'vitest';
import Papa from 'papaparse';
import { AppError } from '@shared/contract/errors';
import { reviewHandlers } from '../../../src-main/handlers/review-handlers';
import { openStorage } from '../../../src-main/storage/storage';
import type { Storage } from '../../../src-main/storage/storage';
import { prediction, seedRun, steppingClock, tempDir } from '../storage/storage-fixtures';

/** A finished run with four test records and two OOD records on a database in a temporary folder. */
function finishedRun(path: string): { storage: Storage; runId: number } {
  const storage = openStorage(path, { clock: steppingClock() });
  const { runId } = seedRun(storage);
  storage.runs.markRunning(runId, { backend: 'wasm', dataHash: 'h', startedAt: '2026-01-02T03:04:07.000Z' });
  storage.predictions.insertMany(runId, [
    prediction('test', 0, { total: 0.2 }),
    prediction('test', 1, { total: 0.6, correct: false }),
    prediction('test', 2, { total: 0.4 }),
    prediction('test', 3, { total: 0.1 }),
    prediction('ood', 0, { total: 0.3, oodFlag: true }),
    prediction('ood', 1, { total: 0.05 })
  ]);
  storage.runs.finish(runId, {
    task: 'binary',
    params: 10,
    positiveClass: '1',
    classes: ['0', '1'],
    metrics: {
      test: { accuracy: 0.75, nll: 0.5, brier: 0.2, ece: 0.1, auroc: 0.7 },
      ood: null,
      oodThreshold: 0.25,
      counts: { train: 1, validation: 1, test: 4, ood: 2 }
    },
    bestEpoch: 1,
    trainSeconds: 1,
    finishedAt: '2026-01-02T03:05:00.000Z'
  });
  return { storage, runId };
}

describe('review handlers', () => {
  const dirs: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of dirs.splice(0)) cleanup();
  });

  it('flag, refer, review two records, reopen the database, export: notes and audit trail are kept', async () => {
    const tmp = tempDir();
    dirs.push(tmp.cleanup);
    const path = `${tmp.dir}/app.db`;
    const opened = finishedRun(path);
    let storage = opened.storage;
    const runId = opened.runId;
    let handlers = reviewHandlers(storage);
    // Refer 17 %: ceil(6 * 0.17) = 2 most uncertain (test 1, test 2), plus the flagged OOD 0.
    const queue = await handlers['review:queue']({
      runId,
      referPercent: 17,
      widthAbove: null,
      includeOod: true,
      status: 'all',
      offset: 0,
      limit: 200
    });
    expect(queue.records.map((r) => `${r.split}${r.rowIndex}`)).toEqual(['test1', 'test2', 'ood0']);
    await handlers['review:add']({
      runId,
      split: 'test',
      rowIndex: 1,
      outcome: 'wrong',
      note: 'biopsy says otherwise'
    });
    await handlers['review:add']({
      runId,
      split: 'ood',
      rowIndex: 0,
      outcome: 'follow-up',
      note: 'new site'
    });
    await handlers['review:add']({
      runId,
      split: 'test',
      rowIndex: 1,
      outcome: 'confirmed',
      note: 'rechecked'
    });
    storage.close();

    storage = openStorage(path);
    handlers = reviewHandlers(storage);
    const pending = await handlers['review:queue']({
      runId,
      referPercent: 17,
      widthAbove: null,
      includeOod: true,
      status: 'pending',
      offset: 0,
      limit: 200
    });
    expect(pending.records.map((r) => `${r.split}${r.rowIndex}`)).toEqual(['test2']);
    expect(pending.counts.reviewed).toBe(2);
    const history = await handlers['review:history']({ runId, split: 'test', rowIndex: 1 });
    expect(history.map((n) => n.note)).toEqual(['biopsy says otherwise', 'rechecked']);

    const exported = await handlers['review:export']({
      runId,
      referPercent: 17,
      widthAbove: null,
      includeOod: true
    });
    expect(exported.rows).toBe(3);
    expect(exported.fileName).toMatch(/-review\.csv$/);
    const rows = Papa.parse<Record<string, string>>(exported.csv, {
      header: true,
      skipEmptyLines: true
    }).data;
    const test1 = rows.find((r) => r.split === 'test' && r.row === '2');
    expect(test1).toMatchObject({ outcome: 'confirmed', note: 'rechecked', versions: '2' });
    expect(test1?.audit).toMatch(
      /Prediction wrong: biopsy says otherwise \| .* Prediction confirmed: rechecked$/
    );
    expect(rows.find((r) => r.split === 'ood')).toMatchObject({
      outcome: 'follow-up',
      reasons: 'ood',
      versions: '1'
    });
    storage.close();
  });

  it('serves pages from one read of the records until records or notes change', async () => {
    const tmp = tempDir();
    dirs.push(tmp.cleanup);
    const { storage, runId } = finishedRun(`${tmp.dir}/app.db`);
    const handlers = reviewHandlers(storage);
    const reads = vi.spyOn(storage.predictions, 'query');
    const wholeReads = (): number => reads.mock.calls.filter(([q]) => q.limit > 1).length;
    const page = (offset: number, referPercent = 50) =>
      handlers['review:queue']({
        runId,
        referPercent,
        widthAbove: null,
        includeOod: true,
        status: 'all',
        offset,
        limit: 2
      });
    // Refer 50 %: ceil(6 * 0.5) = 3 most uncertain (test 1, test 2, ood 0, which is also flagged).
    expect((await page(0)).records.map((r) => `${r.split}${r.rowIndex}`)).toEqual(['test1', 'test2']);
    expect((await page(2)).records.map((r) => `${r.split}${r.rowIndex}`)).toEqual(['ood0']);
    expect(wholeReads()).toBe(1);
    // A note shows at once; the records are not read again.
    await handlers['review:add']({ runId, split: 'test', rowIndex: 2, outcome: 'wrong', note: 'n' });
    expect((await page(0)).records[1]?.review?.note).toBe('n');
    // Another share ranks the same records again, without reading them.
    expect((await page(0, 17)).total).toBe(3);
    expect(wholeReads()).toBe(1);
    // A scored file appends records: they are read and ranked (ceil(7 * 0.5) = 4, the new one first).
    storage.predictions.insertMany(runId, [prediction('scored', 0, { total: 0.9 })]);
    const after = await page(0);
    expect(after.total).toBe(4);
    expect(after.records[0]).toMatchObject({ split: 'scored', rowIndex: 0 });
    expect(wholeReads()).toBe(2);
    storage.close();
  });

  it('refuses notes on a record the run does not have, and runs that are not finished', async () => {
    const tmp = tempDir();
    dirs.push(tmp.cleanup);
    const { storage, runId } = finishedRun(`${tmp.dir}/app.db`);
    const handlers = reviewHandlers(storage);
    await expect(
      Promise.resolve().then(() =>
        handlers['review:add']({ runId, split: 'test', rowIndex: 99, outcome: 'wrong', note: '' })
      )
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const queued = seedRun(storage).runId;
    await expect(
      Promise.resolve().then(() =>
        handlers['review:queue']({
          runId: queued,
          referPercent: 10,
          widthAbove: null,
          includeOod: true,
          status: 'all',
          offset: 0,
          limit: 10
        })
      )
    ).rejects.toBeInstanceOf(AppError);
    storage.close();
  });
});
