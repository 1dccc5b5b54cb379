import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../../src-main/model/register-gradients';
import { buildMlp } from '../../../src-main/model/bayesian-mlp';
import type { BayesianMlp } from '../../../src-main/model/bayesian-mlp';
import type { MlpSpec } from '../../../src-main/model/bayesian-mlp';
import type { TrainData, TrainOptions } from '../../../src-main/model/trainer';
import type { EpochMetrics } from '@shared/domain/records';
import { createRng } from '@shared/math/random';

/** Every model test runs on the cpu backend unless it says otherwise. */
export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** A small low-rank MLP: 3 features, one hidden layer of 4 (rank 2), rank min(2, outputDim) out, N(0, 1) prior. */
export function smallMlp(outputDim: number, seed: number): BayesianMlp {
  return buildMlp({
    inputDim: 3,
    outputDim,
    hidden: [4],
    ranks: [2, Math.min(2, outputDim)],
    prior: { kind: 'gaussian', sigma: 1 },
    seed
  });
}

/** Row-major float64 product of [rows, inner] and [inner, cols]. */
export function matMul(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  rows: number,
  inner: number,
  cols: number
): number[] {
  const out = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < inner; k++) {
      const aik = a[i * inner + k] ?? 0;
      for (let j = 0; j < cols; j++)
        out[i * cols + j] = (out[i * cols + j] ?? 0) + aik * (b[k * cols + j] ?? 0);
    }
  }
  return out;
}

/** Row-major transpose of [rows, cols]. */
export function transpose(a: ArrayLike<number>, rows: number, cols: number): number[] {
  const out = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j] ?? 0;
  return out;
}

/**
 * Singular values of a row-major [rows, cols] matrix by one-sided Jacobi rotations in float64:
 * columns are orthogonalized pairwise until converged; their norms are the singular values.
 */
export function singularValues(a: ArrayLike<number>, rows: number, cols: number): number[] {
  const u = Array.from({ length: cols }, (_, j) =>
    Array.from({ length: rows }, (_, i) => a[i * cols + j] ?? 0)
  );
  const dot = (x: number[], y: number[]): number => x.reduce((s, xi, i) => s + xi * (y[i] ?? 0), 0);
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < cols - 1; p++) {
      for (let q = p + 1; q < cols; q++) {
        const up = u[p] as number[];
        const uq = u[q] as number[];
        const alpha = dot(up, up);
        const beta = dot(uq, uq);
        const gamma = dot(up, uq);
        if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        off = Math.max(off, Math.abs(gamma) / Math.sqrt(alpha * beta));
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < rows; i++) {
          const x = up[i] ?? 0;
          const y = uq[i] ?? 0;
          up[i] = c * x - s * y;
          uq[i] = s * x + c * y;
        }
      }
    }
    if (off < 1e-14) break;
  }
  return u.map((col) => Math.sqrt(dot(col, col))).sort((x, y) => y - x);
}

export function softplus(x: number): number {
  return Math.log1p(Math.exp(x));
}

/** Asserts |actual - expected| <= atol + rtol |expected| entrywise, reporting the worst index. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  atol = 0
): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] ?? NaN;
    const e = expected[i] ?? NaN;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      throw new Error(`entry ${i}: got ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
    }
  }
}

/** Two Gaussian features; the label is 1 when x0 + x1 > 0 (classification) or the target is x0 - 2 x1 plus noise. */
export function syntheticTrainData(
  nTrain: number,
  nVal: number,
  task: 'binary' | 'regression',
  seed = 1
): TrainData {
  const rng = createRng(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const make = (n: number): { x: Float32Array; y: Float32Array } => {
    const x = new Float32Array(n * 2);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const [a, b] = [gauss(), gauss()];
      x[2 * i] = a;
      x[2 * i + 1] = b;
      y[i] = task === 'binary' ? (a + b > 0 ? 1 : 0) : (a - 2 * b) / Math.sqrt(5) + 0.1 * gauss();
    }
    return { x, y };
  };
  const train = make(nTrain);
  const val = make(nVal);
  return { xTrain: train.x, yTrain: train.y, nTrain, xVal: val.x, yVal: val.y, nVal, inputDim: 2 };
}

/** The trainer tests' network: 2 features, 8 hidden units at rank 2, one output. */
export const TRAINER_SPEC: MlpSpec = {
  inputDim: 2,
  outputDim: 1,
  hidden: [8],
  ranks: [2, 1],
  prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) },
  seed: 7
};

/** The trainer tests' settings: 12 epochs, KL annealed over epochs 2 to 4, no early stop in practice. */
export const TRAINER_OPTIONS: TrainOptions = {
  epochs: 12,
  batchSize: 32,
  lr: 0.03,
  beta: 1,
  annealZeroEpochs: 1,
  annealRampEpochs: 3,
  patience: 50,
  seed: 3
};

/** Settings under which the trainer tests' network stops early: a high learning rate and patience 2. */
export const EARLY_STOP_OPTIONS: TrainOptions = {
  ...TRAINER_OPTIONS,
  epochs: 60,
  lr: 0.1,
  patience: 2,
  annealZeroEpochs: 0,
  annealRampEpochs: 0
};

/** Epoch metrics without their wall time, which differs between otherwise identical runs. */
export const withoutTime = (epochs: EpochMetrics[]): Array<Omit<EpochMetrics, 'seconds'>> =>
  epochs.map(({ seconds: _seconds, ...rest }) => rest);
