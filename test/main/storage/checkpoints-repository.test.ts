import { describe, expect, it } from 'vitest';
import { appErrorOf, seedRun, useTempStorage } from './storage-fixtures';

describe('CheckpointsRepository', () => {
  const storage = useTempStorage();
  const bytes = (...values: number[]): Uint8Array => new Uint8Array(new Float32Array(values).buffer);

  it('keeps one checkpoint per run: a newer one replaces it, bytes intact', () => {
    const { runId } = seedRun(storage()); // clock: dataset 03:04:05, run 03:04:06
    expect(storage().checkpoints.load(runId)).toBeNull();
    expect(storage().runs.get(runId)?.checkpointEpoch).toBeNull();
    storage().checkpoints.save(runId, { epoch: 1, metaJson: '{"epoch":1}', data: bytes(1.5, -2) });
    storage().checkpoints.save(runId, { epoch: 4, metaJson: '{"epoch":4}', data: bytes(0.25, 3, 7) });
    const loaded = storage().checkpoints.load(runId);
    expect(loaded).toMatchObject({
      epoch: 4,
      metaJson: '{"epoch":4}',
      createdAt: '2026-01-02T03:04:08.000Z'
    });
    expect(Array.from(new Float32Array(loaded?.data.slice().buffer ?? new ArrayBuffer(0)))).toEqual([
      0.25, 3, 7
    ]);
    expect(storage().runs.get(runId)?.checkpointEpoch).toBe(4);
  });

  it('saves a view into a larger buffer as just its bytes', () => {
    const { runId } = seedRun(storage());
    const whole = bytes(1, 2, 3, 4);
    storage().checkpoints.save(runId, { epoch: 2, metaJson: '{}', data: whole.subarray(4, 12) });
    const loaded = storage().checkpoints.load(runId);
    expect(Array.from(new Float32Array(loaded?.data.slice().buffer ?? new ArrayBuffer(0)))).toEqual([2, 3]);
  });

  it('is deleted on request and with its run; refuses an unknown run and bad JSON', () => {
    const { runId } = seedRun(storage());
    storage().checkpoints.save(runId, { epoch: 1, metaJson: '{}', data: bytes(1) });
    storage().checkpoints.delete(runId);
    expect(storage().checkpoints.load(runId)).toBeNull();
    storage().checkpoints.save(runId, { epoch: 1, metaJson: '{}', data: bytes(1) });
    storage().runs.fail(runId, 'cancelled', 'Cancelled by the user.');
    storage().runs.delete(runId);
    expect(storage().checkpoints.load(runId)).toBeNull();
    expect(
      appErrorOf(() => storage().checkpoints.save(404, { epoch: 1, metaJson: '{}', data: bytes(1) }))
    ).toMatch(/^NOT_FOUND: Run 404/);
    const other = seedRun(storage()).runId;
    expect(() => storage().checkpoints.save(other, { epoch: 1, metaJson: '{"cut', data: bytes(1) })).toThrow(
      /CHECK constraint/
    );
    expect(() => storage().checkpoints.save(other, { epoch: 0, metaJson: '{}', data: bytes(1) })).toThrow(
      /CHECK constraint/
    );
  });
});
