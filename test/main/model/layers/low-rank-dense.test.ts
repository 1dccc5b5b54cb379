import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LowRankDense, disposeSample } from '../../../../src-main/model/layers/low-rank-dense';
import type { LowRankDenseWeights } from '../../../../src-main/model/layers/low-rank-dense';
import { inverseSoftplus } from '@shared/math/softplus';
import { GaussianPrior } from '../../../../src-main/model/priors/gaussian-prior';
import { ScaleMixturePrior } from '../../../../src-main/model/priors/scale-mixture-prior';
import { expectClose, matMul, singularValues, softplus, transpose, useCpu } from '../helpers';

beforeAll(useCpu);

const mixture = new ScaleMixturePrior(0.5, 1, Math.exp(-6));

/** Sets a layer's mu and rho to given row-major values. */
function setPosterior(
  layer: LowRankDense,
  values: {
    muA: number[];
    rhoA: number[];
    muB: number[];
    rhoB: number[];
    muBias: number[];
    rhoBias: number[];
  }
): void {
  const { inputDim: m, outputDim: n, rank: r } = layer;
  tf.tidy(() => {
    layer.a.assign(tf.tensor2d(values.muA, [m, r]), tf.tensor2d(values.rhoA, [m, r]));
    layer.b.assign(tf.tensor2d(values.muB, [n, r]), tf.tensor2d(values.rhoB, [n, r]));
    layer.bias.assign(tf.tensor1d(values.muBias), tf.tensor1d(values.rhoBias));
  });
}

const read = (t: tf.Tensor): number[] => Array.from(t.dataSync());

describe('LowRankDense initialization (METHOD.md section 2)', () => {
  it('matches the He variance through A B^T with damping, eta and the bias defaults', () => {
    const [m, n, r] = [200, 150, 8];
    const layer = new LowRankDense({ inputDim: m, outputDim: n, rank: r, prior: mixture, seed: 3 });
    const target = Math.pow(2 / m / r, 0.25); // (sigma_W^2 / r)^(1/4), He
    const muA = read(layer.a.mu);
    const sd = Math.sqrt(muA.reduce((s, v) => s + v * v, 0) / muA.length);
    // std of m r = 1600 draws: relative standard error about 1 / sqrt(2 * 1600) = 1.8%.
    expect(Math.abs(sd / (0.6 * target) - 1)).toBeLessThan(0.08);
    expect(read(layer.a.rho).every((v) => Math.abs(v - inverseSoftplus(0.1 * target)) < 1e-5)).toBe(true);
    expect(read(layer.b.rho).every((v) => Math.abs(v - inverseSoftplus(0.1 * target)) < 1e-5)).toBe(true);
    expect(read(layer.bias.mu).every((v) => v === 0)).toBe(true);
    expect(read(layer.bias.rho).every((v) => v === -5)).toBe(true);
    layer.dispose();
  });

  it('uses the Glorot variance, the given damping and eta when asked', () => {
    const [m, n, r] = [100, 300, 4];
    const layer = new LowRankDense({
      inputDim: m,
      outputDim: n,
      rank: r,
      prior: mixture,
      seed: 4,
      init: 'glorot',
      damping: 0.8,
      eta: 0.2
    });
    const target = Math.pow(2 / (m + n) / r, 0.25);
    const muB = read(layer.b.mu);
    const sd = Math.sqrt(muB.reduce((s, v) => s + v * v, 0) / muB.length);
    expect(Math.abs(sd / (0.8 * target) - 1)).toBeLessThan(0.08);
    expect(read(layer.b.rho)[0]).toBeCloseTo(inverseSoftplus(0.2 * target), 5);
    layer.dispose();
  });

  it('counts every mu and rho: 2 r (m + n) + 2 n', () => {
    const layer = new LowRankDense({ inputDim: 44, outputDim: 128, rank: 15, prior: mixture, seed: 1 });
    expect(layer.paramCount).toBe(2 * 15 * 172 + 256);
    layer.dispose();
  });
});

describe('LowRankDense draws', () => {
  it('every sampled W = A B^T has rank <= r (singular values above tolerance)', () => {
    const [m, n, r] = [12, 9, 3];
    const layer = new LowRankDense({ inputDim: m, outputDim: n, rank: r, prior: mixture, seed: 11 });
    for (const seed of [1, 2, 3, 4, 5]) {
      const sample = layer.draw(seed);
      const w = matMul(read(sample.a), transpose(read(sample.b), n, r), m, r, n);
      const s = singularValues(w, m, n);
      const tol = 1e-5 * (s[0] ?? 0);
      expect(s.filter((v) => v > tol).length).toBe(r);
      disposeSample(sample);
    }
    layer.dispose();
  });

  it("'mean' draws the posterior means; a seed repeats exactly", () => {
    const layer = new LowRankDense({ inputDim: 4, outputDim: 3, rank: 2, prior: mixture, seed: 2 });
    const mean = layer.draw('mean');
    expect(read(mean.a)).toEqual(read(layer.a.mu));
    expect(read(mean.bias)).toEqual(read(layer.bias.mu));
    const [s1, s2] = [layer.draw(9), layer.draw(9)];
    expect(read(s1.b)).toEqual(read(s2.b));
    expect(read(s1.a)).not.toEqual(read(mean.a));
    [mean, s1, s2].forEach(disposeSample);
    layer.dispose();
  });

  it('apply gives x A B^T + b on both computation paths and for stacked draws (float64 reference)', () => {
    const [m, n, r] = [4, 3, 2];
    const layer = new LowRankDense({ inputDim: m, outputDim: n, rank: r, prior: mixture, seed: 5 });
    tf.tidy(() => layer.bias.assign(tf.tensor1d([0.5, -1, 2]), tf.fill([n], -5)));
    const sample = layer.draw(21);
    const [a, b, bias] = [read(sample.a), read(sample.b), read(sample.bias)];
    const w = matMul(a, transpose(b, n, r), m, r, n);
    // 5 rows take the factored path (x A) B^T, 20 rows form W first (cheaper there for this shape).
    for (const rows of [5, 20]) {
      const x = Array.from({ length: rows * m }, (_, i) => Math.sin(i + 1));
      const expected = matMul(x, w, rows, m, n).map((v, i) => v + (bias[i % n] ?? 0));
      const y = tf.tidy(() => read(layer.apply(tf.tensor2d(x, [rows, m]), sample)));
      expectClose(y, expected, 1e-5, 1e-5);
    }
    const stacked = layer.drawMany(3, 8);
    const x = Array.from({ length: 2 * m }, (_, i) => Math.cos(i));
    const y = tf.tidy(() => read(layer.apply(tf.tensor2d(x, [2, m]), stacked)));
    const [sa, sb, sbias] = [read(stacked.a), read(stacked.b), read(stacked.bias)];
    for (let s = 0; s < 3; s++) {
      const ws = matMul(
        sa.slice(s * m * r, (s + 1) * m * r),
        transpose(sb.slice(s * n * r, (s + 1) * n * r), n, r),
        m,
        r,
        n
      );
      const expected = matMul(x, ws, 2, m, n).map((v, i) => v + (sbias[s * n + (i % n)] ?? 0));
      expectClose(y.slice(s * 2 * n, (s + 1) * 2 * n), expected, 1e-5, 1e-5);
    }
    disposeSample(sample);
    disposeSample(stacked);
    layer.dispose();
  });
});

describe('LowRankDense posterior moments (METHOD.md section 1)', () => {
  it("empirical Cov(W_ij, W_i'j') matches the shared-row / shared-column formulas and is 0 otherwise", () => {
    const [m, n, r] = [3, 3, 2];
    const layer = new LowRankDense({ inputDim: m, outputDim: n, rank: r, prior: mixture, seed: 1 });
    const muA = [0.8, -0.5, 0.3, 0.9, -0.7, 0.4];
    const muB = [0.6, 0.2, -0.9, 0.5, 0.4, -0.8];
    const sA = [0.3, 0.5, 0.2, 0.4, 0.6, 0.25];
    const sB = [0.35, 0.2, 0.5, 0.3, 0.45, 0.15];
    setPosterior(layer, {
      muA,
      rhoA: sA.map(inverseSoftplus),
      muB,
      rhoB: sB.map(inverseSoftplus),
      muBias: [0, 0, 0],
      rhoBias: [-5, -5, -5]
    });
    const count = 40000;
    const draws = layer.drawMany(count, 17);
    const w = tf.tidy(() => read(tf.matMul(draws.a, draws.b, false, true))); // [S, m, n]
    disposeSample(draws);
    const at = (s: number, i: number, j: number): number => w[s * m * n + i * n + j] ?? NaN;
    const mean = (i: number, j: number): number => {
      let sum = 0;
      for (let s = 0; s < count; s++) sum += at(s, i, j);
      return sum / count;
    };
    const cov = (i: number, j: number, i2: number, j2: number): { value: number; se: number } => {
      const [m1, m2] = [mean(i, j), mean(i2, j2)];
      let sum = 0;
      let sumSq = 0;
      for (let s = 0; s < count; s++) {
        const p = (at(s, i, j) - m1) * (at(s, i2, j2) - m2);
        sum += p;
        sumSq += p * p;
      }
      const value = sum / count;
      return { value, se: Math.sqrt((sumSq / count - value * value) / count) };
    };
    const k = (i: number, kk: number): number => i * r + kk;
    const sharedRow = (i: number, j: number, j2: number): number =>
      [0, 1].reduce(
        (s, kk) => s + (sA[k(i, kk)] ?? 0) ** 2 * (muB[k(j, kk)] ?? 0) * (muB[k(j2, kk)] ?? 0),
        0
      );
    const sharedColumn = (i: number, i2: number, j: number): number =>
      [0, 1].reduce(
        (s, kk) => s + (muA[k(i, kk)] ?? 0) * (muA[k(i2, kk)] ?? 0) * (sB[k(j, kk)] ?? 0) ** 2,
        0
      );
    const checks: Array<[number, number, number, number, number]> = [
      [0, 0, 1, 1, 0],
      [0, 2, 2, 1, 0],
      [1, 0, 2, 2, 0],
      [0, 0, 0, 2, sharedRow(0, 0, 2)],
      [2, 1, 2, 2, sharedRow(2, 1, 2)],
      [0, 1, 2, 1, sharedColumn(0, 2, 1)],
      [1, 0, 2, 0, sharedColumn(1, 2, 0)]
    ];
    for (const [i, j, i2, j2, expected] of checks) {
      const { value, se } = cov(i, j, i2, j2);
      expect(
        Math.abs(value - expected),
        `Cov(W${i}${j}, W${i2}${j2}) = ${value}, expected ${expected}`
      ).toBeLessThan(4 * se);
      // The non-zero ones are far from 0 in standard errors, so the test tells the formulas apart from 0.
      if (expected !== 0) expect(Math.abs(expected)).toBeGreaterThan(5 * se);
    }
    layer.dispose();
  });

  it('the Monte Carlo KL averages to the closed-form Gaussian KL under a Gaussian prior', () => {
    const s0 = 0.8;
    const layer = new LowRankDense({
      inputDim: 5,
      outputDim: 4,
      rank: 2,
      prior: new GaussianPrior(s0),
      seed: 6
    });
    tf.tidy(() => {
      layer.bias.assign(tf.tensor1d([0.2, -0.1, 0.05, 0.3]), tf.tensor1d([-2, -1, -3, -0.5]));
      layer.a.rho.assign(tf.add(layer.a.rho, tf.randomUniform(layer.a.rho.shape, 0, 2, 'float32', 1)));
    });
    // KL(N(mu, s^2) || N(0, s0^2)) = log(s0 / s) + (s^2 + mu^2) / (2 s0^2) - 1/2 per entry.
    let closed = 0;
    for (const q of [layer.a, layer.b, layer.bias]) {
      const mu = read(q.mu);
      const sigma = read(q.rho).map(softplus);
      mu.forEach((mi, i) => {
        const si = sigma[i] ?? NaN;
        closed += Math.log(s0 / si) + (si * si + mi * mi) / (2 * s0 * s0) - 0.5;
      });
    }
    const estimates: number[] = [];
    for (let seed = 1; seed <= 3000; seed++) {
      estimates.push(
        tf.tidy(() => {
          const sample = layer.draw(seed);
          return layer.kl(sample).arraySync();
        })
      );
    }
    const mean = estimates.reduce((a, b) => a + b, 0) / estimates.length;
    const sd = Math.sqrt(estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (estimates.length - 1));
    expect(Math.abs(mean - closed)).toBeLessThan((4 * sd) / Math.sqrt(estimates.length));
    expect(closed).toBeGreaterThan(10 * (sd / Math.sqrt(estimates.length)));
    layer.dispose();
  });
});

describe('LowRankDense gradients', () => {
  const [m, n, r, rows] = [4, 3, 2, 5];
  let layer: LowRankDense;
  let noise: LowRankDenseWeights;
  let x: tf.Tensor2D;
  let c: tf.Tensor2D;

  beforeAll(() => {
    layer = new LowRankDense({ inputDim: m, outputDim: n, rank: r, prior: new GaussianPrior(1), seed: 12 });
    tf.tidy(() => {
      layer.a.rho.assign(tf.fill([m, r], -1.2));
      layer.b.rho.assign(tf.fill([n, r], -0.8));
      layer.bias.assign(tf.tensor1d([0.1, -0.2, 0.3]), tf.tensor1d([-1, -1.5, -2]));
    });
    noise = {
      a: tf.randomNormal([m, r], 0, 1, 'float32', 1),
      b: tf.randomNormal([n, r], 0, 1, 'float32', 2),
      bias: tf.randomNormal([n], 0, 1, 'float32', 3)
    };
    x = tf.randomNormal([rows, m], 0, 1, 'float32', 4);
    c = tf.randomNormal([rows, n], 0, 1, 'float32', 5);
  });

  afterAll(() => {
    disposeSample(noise);
    tf.dispose([x, c]);
    layer.dispose();
  });

  /** loss = sum(y * c) + KL on the draw from the fixed noise. */
  const loss = (): tf.Scalar =>
    tf.tidy(() => {
      const sample = layer.drawWithNoise(noise);
      return tf.add(tf.sum(tf.mul(layer.apply(x, sample), c)), layer.kl(sample));
    });

  it('match central finite differences in every mu and rho with the noise fixed', () => {
    const variables = layer.trainableVariables;
    const { grads } = tf.variableGrads(loss, variables);
    const h = 1e-2;
    for (const v of variables) {
      const analytic = read(grads[v.name] as tf.Tensor);
      const base = read(v);
      const numeric = base.map((_, i) => {
        const at = (delta: number): number => {
          const values = base.slice();
          values[i] = (values[i] ?? 0) + delta;
          tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
          return tf.tidy(() => loss().arraySync());
        };
        const g = (at(h) - at(-h)) / (2 * h);
        tf.tidy(() => v.assign(tf.tensor(base, v.shape)));
        return g;
      });
      expectClose(analytic, numeric, 2e-2, 2e-2);
    }
    tf.dispose(grads);
  });

  it('leak no tensors across draws, applies, KL and gradients', () => {
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const { value, grads } = tf.variableGrads(loss, layer.trainableVariables);
      tf.dispose([value, ...Object.values(grads)]);
      tf.tidy(() => {
        const s = layer.draw(i);
        layer.apply(x, s);
        layer.kl(s);
      });
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
