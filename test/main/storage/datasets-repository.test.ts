import { describe, expect, it } from 'vitest';
import { appErrorOf, newDataset, newRun, SMALL_CSV_SHA256, useTempStorage } from './storage-fixtures';

/** Bytes that are not valid UTF-8 (0xff) and contain NUL; SHA-256 computed with Python's hashlib. */
const BINARY = new Uint8Array([...new TextEncoder().encode('id,age\n1,'), 0xff, 0x00, 0x0a]);
const BINARY_SHA256 = 'a6ff2ed02e166d9b44c067298841f95ffc2f6d9d5d03b1c417ccd49848a60a83';

describe('DatasetsRepository', () => {
  const storage = useTempStorage();

  it('inserts and returns the summary, counting columns from the column list', () => {
    const summary = storage().datasets.insert(newDataset({ sampleId: 'heart' }));
    expect(summary).toEqual({
      id: 1,
      name: 'small',
      fileName: 'small.csv',
      sampleId: 'heart',
      hash: SMALL_CSV_SHA256,
      rowCount: 1,
      columnCount: 2,
      createdAt: '2026-01-02T03:04:05.000Z'
    });
  });

  it('keeps the exact original bytes, including invalid UTF-8 and NUL', () => {
    const { id } = storage().datasets.insert(newDataset({ content: BINARY, hash: BINARY_SHA256 }));
    const content = storage().datasets.getContent(id);
    expect(content).toBeInstanceOf(Uint8Array);
    expect(Array.from(content)).toEqual([105, 100, 44, 97, 103, 101, 10, 49, 44, 255, 0, 10]);
  });

  it('refuses a hash that does not match the content', () => {
    expect(appErrorOf(() => storage().datasets.insert(newDataset({ hash: BINARY_SHA256 })))).toMatch(
      /^INTERNAL: /
    );
    expect(storage().datasets.list()).toEqual([]);
  });

  it('lists newest first and gets columns and delimiter back', () => {
    storage().datasets.insert(newDataset({ name: 'older' }));
    storage().datasets.insert(newDataset({ name: 'newer', delimiter: ';' }));
    expect(
      storage()
        .datasets.list()
        .map((d) => d.name)
    ).toEqual(['newer', 'older']);
    const detail = storage().datasets.get(2);
    expect(detail?.delimiter).toBe(';');
    expect(detail?.columns).toEqual([
      { name: 'a', role: 'numeric', missing: 0, distinct: 1, examples: ['1'] },
      { name: 'b', role: 'numeric', missing: 0, distinct: 1, examples: ['2'] }
    ]);
    expect(detail).not.toHaveProperty('preview');
  });

  it('returns null / NOT_FOUND for a missing dataset', () => {
    expect(storage().datasets.get(42)).toBeNull();
    expect(appErrorOf(() => storage().datasets.getContent(42))).toMatch(/^NOT_FOUND: Dataset 42/);
    expect(storage().datasets.delete(42)).toBe(false);
  });

  it('deletes an unused dataset', () => {
    const { id } = storage().datasets.insert(newDataset());
    expect(storage().datasets.delete(id)).toBe(true);
    expect(storage().datasets.get(id)).toBeNull();
  });

  it('refuses to delete a dataset that runs use, as training or OOD data, naming how many', () => {
    const train = storage().datasets.insert(newDataset({ name: 'cohort A' })).id;
    const shifted = storage().datasets.insert(newDataset({ name: 'cohort B' })).id;
    storage().runs.create(newRun(train));
    storage().runs.create(newRun(train, { oodDatasetId: shifted }));
    expect(appErrorOf(() => storage().datasets.delete(train))).toBe(
      'CONFLICT: Dataset "cohort A" is used by 2 runs. Delete those runs first, then delete the dataset.'
    );
    expect(appErrorOf(() => storage().datasets.delete(shifted))).toBe(
      'CONFLICT: Dataset "cohort B" is used by 1 run. Delete that run first, then delete the dataset.'
    );
    expect(storage().datasets.list()).toHaveLength(2);
  });

  it('the schema itself refuses deleting a used dataset, even bypassing the repository', () => {
    const id = storage().datasets.insert(newDataset()).id;
    storage().runs.create(newRun(id));
    expect(() => storage().db.prepare('DELETE FROM datasets WHERE id = ?').run(id)).toThrow(/FOREIGN KEY/);
  });
});
