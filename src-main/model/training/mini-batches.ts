import type { Rng } from '@shared/math/random';
import { shuffleInPlace } from '@shared/math/random';
import type { RecordArray } from '../bayesian-model';

export interface MiniBatch {
  /** [size, ...record shape] row-major, same array type as the source. */
  x: RecordArray;
  /** [size] */
  y: Float32Array;
  size: number;
}

/** Number of steps in one epoch: ceil(n / batchSize). */
export function stepsPerEpoch(n: number, batchSize: number): number {
  return Math.ceil(n / batchSize);
}

/**
 * One epoch's mini-batches in an order shuffled by rng; the last one holds the remainder. Whole
 * records of `recordSize` values (e.g. W x F for a window) are copied together.
 */
export function* miniBatches(
  x: RecordArray,
  y: Float32Array,
  n: number,
  recordSize: number,
  batchSize: number,
  rng: Rng
): Generator<MiniBatch> {
  const order = shuffleInPlace(
    Array.from({ length: n }, (_, i) => i),
    rng
  );
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const bx =
      x instanceof Int32Array ? new Int32Array(size * recordSize) : new Float32Array(size * recordSize);
    const by = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      const row = order[start + i] ?? 0;
      bx.set(x.subarray(row * recordSize, (row + 1) * recordSize), i * recordSize);
      by[i] = y[row] ?? 0;
    }
    yield { x: bx, y: by, size };
  }
}
