import { describe, expect, it } from 'vitest';
import { appErrorOf, seedRun, useTempStorage } from './storage-fixtures';

describe('ModelsRepository', () => {
  const storage = useTempStorage();

  it('saves and loads a model; saving again replaces it', () => {
    const { runId } = seedRun(storage()); // clock: dataset 03:04:05, run 03:04:06
    expect(storage().models.load(runId)).toBeNull();
    storage().models.save(runId, 1, '{"posterior":[1,2]}');
    expect(storage().models.load(runId)).toEqual({
      formatVersion: 1,
      modelJson: '{"posterior":[1,2]}',
      createdAt: '2026-01-02T03:04:07.000Z'
    });
    storage().models.save(runId, 2, '{"posterior":[3]}');
    expect(storage().models.load(runId)).toEqual({
      formatVersion: 2,
      modelJson: '{"posterior":[3]}',
      createdAt: '2026-01-02T03:04:08.000Z'
    });
  });

  it('refuses a model for an unknown run and text that is not JSON', () => {
    const { runId } = seedRun(storage());
    expect(appErrorOf(() => storage().models.save(404, 1, '{}'))).toMatch(/^NOT_FOUND: Run 404/);
    expect(() => storage().models.save(runId, 1, '{"truncated":')).toThrow(/CHECK constraint/);
    expect(storage().models.load(runId)).toBeNull();
  });
});
