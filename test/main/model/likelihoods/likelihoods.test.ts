import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BernoulliLikelihood } from '../../../../src-main/model/likelihoods/bernoulli';
import { CategoricalLikelihood } from '../../../../src-main/model/likelihoods/categorical';
import { createLikelihood } from '../../../../src-main/model/likelihoods/create-likelihood';
import { GaussianLikelihood } from '../../../../src-main/model/likelihoods/gaussian';
import { expectClose, useCpu } from '../helpers';

/** Produced by test/fixtures/model/likelihoods.py (PyTorch, float64). */
const ref = JSON.parse(
  readFileSync(resolve(__dirname, '../../../fixtures/model/likelihoods.json'), 'utf8')
) as {
  bernoulli: { logits: number[]; y: number[]; nll: number; p1: number[] };
  categorical: {
    logits: number[];
    y: number[];
    classWeights: number[];
    nll: number;
    weightedNll: number;
    probs: number[];
  };
  gaussian: { mu: number[]; y: number[]; logSigma: number; nll: number };
};

beforeAll(useCpu);

const scalar = (f: () => tf.Scalar): number => tf.tidy(() => f().arraySync());

describe('BernoulliLikelihood', () => {
  const lik = new BernoulliLikelihood();
  const { logits, y } = ref.bernoulli;

  it('NLL is the batch mean of binary cross-entropy on logits (PyTorch reference)', () => {
    const nll = scalar(() => lik.nll(tf.tensor2d(logits, [logits.length, 1]), tf.tensor1d(y)));
    expect(nll).toBeCloseTo(ref.bernoulli.nll, 5);
  });

  it('stays finite for extreme logits: z = 100 with y = 0 costs 100 nats', () => {
    expect(scalar(() => lik.nll(tf.tensor2d([100, -100], [2, 1]), tf.tensor1d([0, 0])))).toBeCloseTo(50, 4);
  });

  it('probabilities are [P(0), P(1)] per record, with leading sample axes kept', () => {
    const p = tf.tidy(() => lik.probabilities(tf.tensor3d(logits, [2, 3, 1])));
    expect(p.shape).toEqual([2, 3, 2]);
    const values = Array.from(p.dataSync());
    expectClose(
      values.filter((_, i) => i % 2 === 1),
      ref.bernoulli.p1,
      1e-5
    );
    expectClose(
      values.filter((_, i) => i % 2 === 0),
      ref.bernoulli.p1.map((v) => 1 - v),
      1e-5,
      1e-7
    );
    p.dispose();
  });
});

describe('CategoricalLikelihood', () => {
  const { logits, y, classWeights } = ref.categorical;
  const out = (): tf.Tensor2D => tf.tensor2d(logits, [y.length, 3]);

  it('NLL is the batch mean cross-entropy (PyTorch reference)', () => {
    expect(scalar(() => new CategoricalLikelihood(3).nll(out(), tf.tensor1d(y)))).toBeCloseTo(
      ref.categorical.nll,
      5
    );
  });

  it('class weights give the weighted mean, as PyTorch', () => {
    const lik = new CategoricalLikelihood(3, classWeights);
    expect(scalar(() => lik.nll(out(), tf.tensor1d(y)))).toBeCloseTo(ref.categorical.weightedNll, 5);
  });

  it('probabilities are the softmax', () => {
    const p = tf.tidy(() => Array.from(new CategoricalLikelihood(3).probabilities(out()).dataSync()));
    expectClose(p, ref.categorical.probs, 1e-5, 1e-7);
  });

  it('rejects fewer than 2 classes or mis-sized weights', () => {
    expect(() => new CategoricalLikelihood(1)).toThrow();
    expect(() => new CategoricalLikelihood(3, [1, 2])).toThrow();
  });
});

describe('GaussianLikelihood', () => {
  it('NLL with a learned log-sigma is the mean Gaussian NLL (PyTorch reference)', () => {
    const lik = new GaussianLikelihood(ref.gaussian.logSigma);
    const { mu, y } = ref.gaussian;
    expect(scalar(() => lik.nll(tf.tensor2d(mu, [mu.length, 1]), tf.tensor1d(y)))).toBeCloseTo(
      ref.gaussian.nll,
      5
    );
    expect(lik.noiseStd()).toBeCloseTo(Math.exp(-0.3), 6);
    lik.dispose();
  });

  it('log-sigma gets the gradient 1 - mean((y - mu)^2) / sigma^2', () => {
    // At log-sigma = 0 with residuals 1 and 3: d/dls = 1 - (1 + 9) / 2 = -4.
    const lik = new GaussianLikelihood();
    const { grads } = tf.variableGrads(
      () => lik.nll(tf.tensor2d([0, 0], [2, 1]), tf.tensor1d([1, -3])),
      lik.variables
    );
    expect((grads[lik.logSigma.name] as tf.Tensor).arraySync()).toBeCloseTo(-4, 5);
    tf.dispose(grads);
    lik.dispose();
  });

  it('mean drops the output axis: [S, B, 1] -> [S, B]', () => {
    const lik = new GaussianLikelihood();
    const m = tf.tidy(() => lik.mean(tf.zeros([4, 3, 1])));
    expect(m.shape).toEqual([4, 3]);
    m.dispose();
    lik.dispose();
  });
});

describe('createLikelihood', () => {
  it('builds each kind with its output width', () => {
    expect(createLikelihood({ kind: 'bernoulli' }).outputDim).toBe(1);
    expect(createLikelihood({ kind: 'categorical', classes: 4 }).outputDim).toBe(4);
    const g = createLikelihood({ kind: 'gaussian' });
    expect(g.task).toBe('regression');
    expect(g.variables.length).toBe(1);
    g.dispose();
  });
});
