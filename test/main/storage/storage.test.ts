import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/errors';
import { openStorage, type Storage } from '../../../src-main/storage/storage';
import { countRows, newDataset, prediction, seedRun, tempDir } from './storage-fixtures';

describe('Storage', () => {
  let dir: string;
  let storage: Storage;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    storage = openStorage(join(dir, 'app.db'));
  });
  afterEach(() => {
    storage.close();
    cleanup();
  });

  it('commits a transaction as a whole and returns its value', () => {
    const { runId } = seedRun(storage);
    const stored = storage.transaction(() => {
      storage.predictions.insertMany(runId, [prediction('test', 0)]);
      storage.models.save(runId, 1, '{}');
      return 'stored';
    });
    expect(stored).toBe('stored');
    expect(countRows(storage, 'predictions', runId)).toBe(1);
  });

  it('rolls back everything, nested repository transactions included, when the function throws', () => {
    const { runId } = seedRun(storage);
    expect(() =>
      storage.transaction(() => {
        storage.datasets.insert(newDataset({ name: 'rolled back' }));
        storage.predictions.insertMany(runId, [prediction('test', 0), prediction('test', 1)]);
        storage.models.save(runId, 1, '{}');
        throw new AppError('CANCELLED', 'stop');
      })
    ).toThrow('stop');
    expect(storage.datasets.list().map((d) => d.name)).toEqual(['small']);
    expect(countRows(storage, 'predictions', runId)).toBe(0);
    expect(storage.models.load(runId)).toBeNull();
  });

  it('enforces foreign keys on every connection it opens', () => {
    expect(() =>
      storage.db
        .prepare(
          `INSERT INTO epochs (run_id, epoch, loss, nll, kl, kl_weight, val_loss, val_nll, val_metric, seconds)
           VALUES (12345, 0, 1, 1, 1, 1, 1, 1, 1, 1)`
        )
        .run()
    ).toThrow(/FOREIGN KEY/);
  });

  it('reports integrity problems, including orphaned rows', () => {
    const { runId } = seedRun(storage);
    storage.predictions.insertMany(runId, [prediction('test', 0)]);
    expect(storage.integrityCheck()).toBe('ok');
    storage.db.pragma('foreign_keys = OFF');
    storage.db.prepare('DELETE FROM runs WHERE id = ?').run(runId);
    storage.db.pragma('foreign_keys = ON');
    expect(storage.integrityCheck()).toBe('predictions row ? refers to a missing runs row');
  });

  it('keeps data across close and reopen; close is idempotent', () => {
    seedRun(storage);
    storage.close();
    storage.close();
    const reopened = openStorage(join(dir, 'app.db'));
    try {
      expect(reopened.runs.list()).toHaveLength(1);
      expect(reopened.integrityCheck()).toBe('ok');
    } finally {
      reopened.close();
    }
  });
});
