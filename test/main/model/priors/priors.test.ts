import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPrior } from '../../../../src-main/model/priors/create-prior';
import { GaussianPrior } from '../../../../src-main/model/priors/gaussian-prior';
import { ScaleMixturePrior } from '../../../../src-main/model/priors/scale-mixture-prior';
import { useCpu } from '../helpers';

const HALF_LOG_2PI = 0.9189385332046727;

beforeAll(useCpu);

const logProbOf = (prior: { logProb(x: tf.Tensor): tf.Scalar }, values: number[]): number =>
  tf.tidy(() => prior.logProb(tf.tensor1d(values)).arraySync());

describe('GaussianPrior', () => {
  it('sums log N(x; 0, s^2) over entries (hand-worked, s = 2)', () => {
    // x = 0: -0.5 log 2pi - log 2; x = 1: the same - 1/8; x = -2: the same - 1/2.
    const base = -HALF_LOG_2PI - Math.log(2);
    expect(logProbOf(new GaussianPrior(2), [0, 1, -2])).toBeCloseTo(3 * base - 0.125 - 0.5, 5);
  });

  it('rejects a non-positive sigma', () => {
    expect(() => new GaussianPrior(0)).toThrow();
  });
});

describe('ScaleMixturePrior', () => {
  const prior = new ScaleMixturePrior(0.5, 1, Math.exp(-6));

  it('at x = 0 both components count: log(0.5 / sqrt(2 pi) (1 + e^6))', () => {
    expect(logProbOf(prior, [0])).toBeCloseTo(Math.log(0.5) - HALF_LOG_2PI + Math.log1p(Math.exp(6)), 4);
  });

  it('stays finite where the narrow component underflows (x = 3: only the wide one counts)', () => {
    const value = logProbOf(prior, [3, -3]);
    expect(value).toBeCloseTo(2 * (Math.log(0.5) - HALF_LOG_2PI - 4.5), 4);
  });

  it('matches a float64 log-sum-exp at an intermediate point where both components matter', () => {
    const x = 0.008;
    const s2 = Math.exp(-6);
    const a = Math.log(0.3) - HALF_LOG_2PI - Math.log(1.5) - (x * x) / (2 * 1.5 * 1.5);
    const b = Math.log(0.7) - HALF_LOG_2PI - Math.log(s2) - (x * x) / (2 * s2 * s2);
    const m = Math.max(a, b);
    const expected = m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    expect(logProbOf(new ScaleMixturePrior(0.3, 1.5, s2), [x])).toBeCloseTo(expected, 4);
  });

  it('has a finite gradient far in the tails', () => {
    const grad = tf.tidy(() =>
      Array.from(
        tf
          .grad((x: tf.Tensor) => prior.logProb(x))(tf.tensor1d([50, -50, 1e-4]))
          .dataSync()
      )
    );
    // d/dx log p = -x / sigma1^2 where the wide component dominates.
    expect(grad[0]).toBeCloseTo(-50, 3);
    expect(grad[1]).toBeCloseTo(50, 3);
    expect(grad.every(Number.isFinite)).toBe(true);
  });

  it('rejects pi outside (0, 1)', () => {
    expect(() => new ScaleMixturePrior(1, 1, 0.1)).toThrow();
  });
});

describe('createPrior', () => {
  it('builds the prior a PriorConfig describes', () => {
    const mixture = createPrior({ kind: 'scale-mixture', pi: 0.25, sigma1: 2, sigma2: 0.1 });
    expect(mixture).toBeInstanceOf(ScaleMixturePrior);
    expect(mixture).toMatchObject({ pi: 0.25, sigma1: 2, sigma2: 0.1 });
    const gaussian = createPrior({ kind: 'gaussian', sigma: 0.5 });
    expect(gaussian).toBeInstanceOf(GaussianPrior);
    expect(gaussian).toMatchObject({ sigma: 0.5 });
  });
});
