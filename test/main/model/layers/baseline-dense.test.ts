import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FullRankDense } from '../../../../src-main/model/layers/full-rank-dense';
import { PointDense } from '../../../../src-main/model/layers/point-dense';
import { Rank1Dense } from '../../../../src-main/model/layers/rank1-dense';
import { disposeWeights } from '../../../../src-main/model/layers/dense-layer';
import { GaussianPrior } from '../../../../src-main/model/priors/gaussian-prior';
import { expectClose, softplus, useCpu } from '../helpers';
import { splitDraws } from './split-draws';

beforeAll(useCpu);

const prior = new GaussianPrior(1);
const W = [
  [1, 2, 3],
  [4, 5, 6]
];
const BIAS = [0.1, 0.2, 0.3];
const X = [
  [1, 1],
  [0.5, 2]
];
const options = { inputDim: 2, outputDim: 3, prior, seed: 4 };

/** sum over entries of log N(v; mean, sd^2), in float64. */
function logNormal(
  v: ArrayLike<number>,
  mean: ArrayLike<number> | number,
  sd: ArrayLike<number> | number
): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    const m = typeof mean === 'number' ? mean : (mean[i] ?? NaN);
    const s = typeof sd === 'number' ? sd : (sd[i] ?? NaN);
    const z = ((v[i] ?? NaN) - m) / s;
    sum += -0.5 * Math.log(2 * Math.PI) - Math.log(s) - 0.5 * z * z;
  }
  return sum;
}

const read = (t: tf.Tensor): number[] => Array.from(t.dataSync());

describe('Rank1Dense (Dusenberry et al. 2020)', () => {
  function handLayer(): Rank1Dense {
    const layer = new Rank1Dense(options);
    tf.tidy(() => {
      layer.w0.assign(tf.tensor2d(W));
      layer.bias?.assign(tf.tensor1d(BIAS));
      layer.s.mu.assign(tf.tensor1d([2, -1]));
      layer.r.mu.assign(tf.tensor1d([1, 0.5, 2]));
    });
    return layer;
  }

  it('computes x W = ((x * s) W0) * r + b on a hand-worked 2 x 3 example', () => {
    // x * s = [[2, -1], [1, -2]]; times W0: [[-2, -1, 0], [-7, -8, -9]]; times r: [[-2, -0.5, 0],
    // [-7, -4, -18]]; plus b: [[-1.9, -0.3, 0.3], [-6.9, -3.8, -17.7]].
    const layer = handLayer();
    tf.tidy(() => {
      const y = layer.apply(tf.tensor2d(X), layer.draw('mean'));
      expectClose(read(y), [-1.9, -0.3, 0.3, -6.9, -3.8, -17.7], 1e-6, 1e-6);
      // E[W] = W0 * (mu_s mu_r^T) = [[2, 2, 12], [-4, -2.5, -12]].
      expectClose(read(layer.meanWeight()), [2, 2, 12, -4, -2.5, -12], 1e-6);
    });
    layer.dispose();
  });

  it('applies S stacked draws as the plain draws they split into, sharing W0', () => {
    const layer = handLayer();
    tf.tidy(() => {
      const x = tf.tensor2d(X);
      const stacked = layer.drawMany(3, 11);
      const all = layer.apply(x, stacked);
      expect(all.shape).toEqual([3, 2, 3]);
      const again = layer.apply(tf.stack([x, x, x]), stacked);
      splitDraws(stacked, 3, ['w0', 'bias']).forEach((draw, k) => {
        const s = read(draw.s);
        const r = read(draw.r);
        // ((x * s) W0) * r + b by hand for this draw.
        const expected = X.flatMap((row) =>
          [0, 1, 2].map(
            (j) =>
              row.reduce((acc, xi, i) => acc + xi * (s[i] ?? 0) * (W[i]?.[j] ?? 0), 0) * (r[j] ?? 0) +
              (BIAS[j] ?? 0)
          )
        );
        expectClose(read(tf.slice(all, [k], [1])), expected, 1e-5, 1e-6);
        expectClose(read(tf.slice(again, [k], [1])), expected, 1e-5, 1e-6);
        expectClose(read(layer.apply(x, draw)), expected, 1e-5, 1e-6);
        disposeWeights(draw);
      });
    });
    layer.dispose();
  });

  it('KL = log q(s, r) - log p(s - 1, r - 1): the prior centred on the identity multiplier', () => {
    const layer = handLayer();
    tf.tidy(() => {
      const sample = layer.draw(21);
      const [s, r] = [read(sample.s), read(sample.r)];
      const sigmaS = read(layer.s.rho).map(softplus);
      const sigmaR = read(layer.r.rho).map(softplus);
      const logQ = logNormal(s, [2, -1], sigmaS) + logNormal(r, [1, 0.5, 2], sigmaR);
      const logP =
        logNormal(
          s.map((v) => v - 1),
          0,
          1
        ) +
        logNormal(
          r.map((v) => v - 1),
          0,
          1
        );
      expectClose(read(layer.kl(sample)), [logQ - logP], 1e-5);
    });
    layer.dispose();
  });

  it('counts W0, the bias and mu, rho of s and r: m n + n + 2 (m + n)', () => {
    const layer = new Rank1Dense(options);
    expect(layer.paramCount).toBe(6 + 3 + 2 * 5);
    const noBias = new Rank1Dense({ ...options, bias: false });
    expect(noBias.paramCount).toBe(6 + 2 * 5);
    layer.dispose();
    noBias.dispose();
  });
});

describe('FullRankDense (Bayes by Backprop)', () => {
  it('computes x mu_W + mu_b at the means and the Monte Carlo KL of a draw', () => {
    const layer = new FullRankDense(options);
    tf.tidy(() => {
      layer.w.mu.assign(tf.tensor2d(W));
      layer.bias?.mu.assign(tf.tensor1d(BIAS));
      // x W: [[5, 7, 9], [8.5, 11, 13.5]], plus b.
      expectClose(
        read(layer.apply(tf.tensor2d(X), layer.draw('mean'))),
        [5.1, 7.2, 9.3, 8.6, 11.2, 13.8],
        1e-6
      );
      const sample = layer.draw(8);
      const w = read(sample.w);
      const b = read(sample.bias ?? tf.zeros([3]));
      const logQ =
        logNormal(w, W.flat(), read(layer.w.rho).map(softplus)) +
        logNormal(b, BIAS, read(layer.bias?.rho ?? tf.zeros([3])).map(softplus));
      const logP = logNormal([...w, ...b], 0, 1);
      expectClose(read(layer.kl(sample)), [logQ - logP], 1e-5);
    });
    expect(layer.paramCount).toBe(2 * 6 + 2 * 3);
    layer.dispose();
  });

  it('applies a stacked draw as its plain draws', () => {
    const layer = new FullRankDense(options);
    tf.tidy(() => {
      const x = tf.tensor2d(X);
      const stacked = layer.drawMany(2, 5);
      const all = layer.apply(x, stacked);
      splitDraws(stacked, 2).forEach((draw, k) => {
        expectClose(read(tf.slice(all, [k], [1])), read(layer.apply(x, draw)), 1e-6, 1e-6);
      });
    });
    layer.dispose();
  });
});

describe('PointDense (deterministic)', () => {
  it('computes x W + b, has no KL and counts m n + n', () => {
    const layer = new PointDense(options);
    tf.tidy(() => {
      layer.w.assign(tf.tensor2d(W));
      layer.bias?.assign(tf.tensor1d(BIAS));
      const x = tf.tensor2d(X);
      const sample = layer.draw();
      expectClose(read(layer.apply(x, sample)), [5.1, 7.2, 9.3, 8.6, 11.2, 13.8], 1e-6);
      expect(read(layer.kl())).toEqual([0]);
      expectClose(read(layer.apply(x, layer.drawMany(1))), [5.1, 7.2, 9.3, 8.6, 11.2, 13.8], 1e-6);
    });
    expect(layer.paramCount).toBe(9);
    // Disposing draws leaves the variables.
    const draw = layer.draw();
    disposeWeights(draw);
    expect(layer.w.isDisposed).toBe(false);
    layer.dispose();
  });
});
