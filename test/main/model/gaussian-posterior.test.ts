import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GaussianPosterior } from '../../../src-main/model/gaussian-posterior';
import { inverseSoftplus, softplus } from '@shared/math/softplus';
import { expectClose, useCpu } from './helpers';

beforeAll(useCpu);

function posterior(mu: number[], rho: number[]): GaussianPosterior {
  const [m, r] = [tf.tensor1d(mu), tf.tensor1d(rho)];
  const q = new GaussianPosterior(m, r);
  tf.dispose([m, r]);
  return q;
}

describe('softplus on numbers', () => {
  it('inverts: softplus(inverseSoftplus(s)) = s from tiny to large sigma', () => {
    for (const s of [1e-6, 0.01, 0.5, 1, 7, 25, 300])
      expect(softplus(inverseSoftplus(s)) / s).toBeCloseTo(1, 12);
  });

  it('gives log(e - 1) for sigma = 1 and stays finite for large rho', () => {
    expect(inverseSoftplus(1)).toBeCloseTo(0.5413248546129181, 14);
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
  });
});

describe('GaussianPosterior', () => {
  it('sigma = softplus(rho) without overflow for large rho', () => {
    const q = posterior([0, 0, 0], [-5, 0, 100]);
    const sigma = tf.tidy(() => q.sigma().arraySync() as number[]);
    expectClose(sigma, [Math.log1p(Math.exp(-5)), Math.log(2), 100], 1e-6);
    q.dispose();
  });

  it('the same seed gives identical samples, another seed different ones', () => {
    const q = posterior([1, 2, 3, 4], [-1, -1, -1, -1]);
    const [s1, s2, s3] = [7, 7, 8].map((seed) => tf.tidy(() => Array.from(q.sample(seed).dataSync())));
    expect(s1).toEqual(s2);
    expect(s1).not.toEqual(s3);
    q.dispose();
  });

  it('a sample is mu + softplus(rho) * eps for given eps', () => {
    const q = posterior([1, -2], [0, -3]);
    const w = tf.tidy(() => Array.from(q.reparameterize(tf.tensor1d([0.5, -2])).dataSync()));
    expectClose(w, [1 + Math.log(2) * 0.5, -2 - 2 * Math.log1p(Math.exp(-3))], 1e-6);
    q.dispose();
  });

  it('sample moments match mu and sigma (4 standard errors)', () => {
    const q = posterior([0.3], [inverseSoftplus(0.2)]);
    const values = tf.tidy(() => Array.from(q.sampleMany(20000, 5).dataSync()));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean - 0.3)).toBeLessThan((4 * 0.2) / Math.sqrt(20000));
    expect(Math.abs(sd - 0.2)).toBeLessThan((4 * 0.2) / Math.sqrt(2 * 20000));
    q.dispose();
  });

  it('logQ is the summed Gaussian log density (hand-worked)', () => {
    const q = posterior([0, 1], [inverseSoftplus(1), inverseSoftplus(2)]);
    const value = tf.tidy(() => q.logQ(tf.tensor1d([1, 3])).arraySync());
    // log N(1; 0, 1) + log N(3; 1, 4) = (-0.9189 - 0.5) + (-0.9189 - log 2 - 0.5)
    expect(value).toBeCloseTo(-2 * 0.9189385332046727 - 1 - Math.log(2), 5);
    q.dispose();
  });

  it('logQOfNoise equals logQ of the reparameterized sample in value and gradient', () => {
    const q = posterior([0.4, -1.2, 2], [-2, 0.3, -4]);
    const eps = tf.tensor1d([0.7, -1.9, 0.2]);
    const viaSample = tf.variableGrads(() => q.logQ(q.reparameterize(eps)), q.variables);
    const viaNoise = tf.variableGrads(() => q.logQOfNoise(eps), q.variables);
    expect(viaNoise.value.arraySync()).toBeCloseTo(viaSample.value.arraySync(), 4);
    // mu does not enter log q at a reparameterized sample at all, so its gradient is 0 (and absent).
    const grad = (grads: tf.NamedTensorMap, v: tf.Variable): number[] =>
      grads[v.name] ? Array.from((grads[v.name] as tf.Tensor).dataSync()) : new Array<number>(v.size).fill(0);
    for (const v of q.variables) expectClose(grad(viaNoise.grads, v), grad(viaSample.grads, v), 1e-4, 1e-5);
    tf.dispose([
      eps,
      viaSample.value,
      viaNoise.value,
      ...Object.values(viaSample.grads),
      ...Object.values(viaNoise.grads)
    ]);
    q.dispose();
  });
});
