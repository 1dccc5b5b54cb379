import type { Rng } from '@shared/math/random';
import { shuffleInPlace } from '@shared/math/random';

export interface MiniBatch {
  /** [size, inputDim] row-major. */
  x: Float32Array;
  /** [size] */
  y: Float32Array;
  size: number;
}

/** Number of steps in one epoch: ceil(n / batchSize). */
export function stepsPerEpoch(n: number, batchSize: number): number {
  return Math.ceil(n / batchSize);
}

/** One epoch's mini-batches in an order shuffled by rng; the last one holds the remainder. */
export function* miniBatches(
  x: Float32Array,
  y: Float32Array,
  n: number,
  inputDim: number,
  batchSize: number,
  rng: Rng
): Generator<MiniBatch> {
  const order = shuffleInPlace(
    Array.from({ length: n }, (_, i) => i),
    rng
  );
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const bx = new Float32Array(size * inputDim);
    const by = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      const row = order[start + i] ?? 0;
      bx.set(x.subarray(row * inputDim, (row + 1) * inputDim), i * inputDim);
      by[i] = y[row] ?? 0;
    }
    yield { x: bx, y: by, size };
  }
}
