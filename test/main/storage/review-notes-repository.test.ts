import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../../src-main/storage/storage';
import { appErrorOf, prediction, seedRun, steppingClock, tempDir } from './storage-fixtures';

describe('ReviewNotesRepository', () => {
  let storage: Storage;
  let cleanup: () => void;
  let runId: number;
  beforeEach(() => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    storage = openStorage(`${tmp.dir}/app.db`, { clock: steppingClock() });
    runId = seedRun(storage).runId; // clock: dataset 03:04:05, run 03:04:06
    storage.predictions.insertMany(runId, [
      prediction('test', 0),
      prediction('test', 1),
      prediction('ood', 0)
    ]);
  });
  afterEach(() => {
    storage.close();
    cleanup();
  });

  it('a new note on a reviewed record supersedes the current one; both stay in the history', () => {
    const first = storage.notes.add({
      runId,
      split: 'test',
      rowIndex: 1,
      outcome: 'confirmed',
      note: 'matches chart'
    });
    expect(first).toEqual({
      id: 1,
      runId,
      split: 'test',
      rowIndex: 1,
      outcome: 'confirmed',
      note: 'matches chart',
      createdAt: '2026-01-02T03:04:07.000Z',
      supersedesId: null
    });
    const other = storage.notes.add({
      runId,
      split: 'ood',
      rowIndex: 0,
      outcome: 'follow-up',
      note: 'new site'
    });
    const second = storage.notes.add({
      runId,
      split: 'test',
      rowIndex: 1,
      outcome: 'disagree',
      note: 'lab was wrong'
    });
    expect(second).toMatchObject({ id: 3, supersedesId: 1, createdAt: '2026-01-02T03:04:09.000Z' });
    const third = storage.notes.add({
      runId,
      split: 'test',
      rowIndex: 1,
      outcome: 'confirmed',
      note: 'rechecked'
    });
    expect(third.supersedesId).toBe(second.id);

    expect(storage.notes.current(runId).map((n) => [n.split, n.rowIndex, n.id])).toEqual([
      ['ood', 0, other.id],
      ['test', 1, third.id]
    ]);
    expect(storage.notes.history(runId, 'test', 1).map((n) => [n.id, n.outcome, n.supersedesId])).toEqual([
      [1, 'confirmed', null],
      [3, 'disagree', 1],
      [4, 'confirmed', 3]
    ]);
    expect(storage.notes.history(runId, 'test', 0)).toEqual([]);
  });

  it('refuses a note on a record the run does not have', () => {
    expect(
      appErrorOf(() => storage.notes.add({ runId, split: 'train', rowIndex: 0, outcome: 'x', note: 'y' }))
    ).toBe(`NOT_FOUND: Run ${runId} has no train record at row 1 to add a review note to.`);
    expect(storage.notes.current(runId)).toEqual([]);
  });

  it('is append-only: notes cannot be edited or deleted, except with their run', () => {
    storage.notes.add({ runId, split: 'test', rowIndex: 0, outcome: 'confirmed', note: 'ok' });
    expect(() => storage.db.prepare(`UPDATE review_notes SET note = 'rewritten'`).run()).toThrow(
      /append-only/
    );
    expect(() => storage.db.prepare('DELETE FROM review_notes').run()).toThrow(/append-only/);
    expect(() =>
      storage.db
        .prepare(
          `INSERT INTO review_notes (run_id, split, row_index, outcome, note, created_at, supersedes_id)
           VALUES (?, 'test', 0, 'x', 'second branch', '2026-01-02T00:00:00.000Z', 1),
                  (?, 'test', 0, 'x', 'third branch', '2026-01-02T00:00:00.000Z', 1)`
        )
        .run(runId, runId)
    ).toThrow(/UNIQUE/);
    expect(storage.notes.history(runId, 'test', 0).map((n) => n.note)).toEqual(['ok']);
    storage.runs.fail(runId, 'cancelled', 'done');
    expect(storage.runs.delete(runId)).toBe(true);
    expect(storage.notes.current(runId)).toEqual([]);
  });
});
