import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMlp } from '../../../src-main/model/bayesian-mlp';
import type { BayesianMlp } from '../../../src-main/model/bayesian-mlp';
import { BernoulliLikelihood } from '../../../src-main/model/likelihoods/bernoulli';
import { CategoricalLikelihood } from '../../../src-main/model/likelihoods/categorical';
import { GaussianLikelihood } from '../../../src-main/model/likelihoods/gaussian';
import type { Likelihood } from '../../../src-main/model/likelihoods/likelihood';
import { CLASSIFICATION_LOSS, REGRESSION_LOSS, gibbsRisk } from '../../../src-main/theory/gibbs-risk';
import { smallMlp, useCpu } from '../model/helpers';

beforeAll(useCpu);

/** Sets every variable of the model whose name is a key of `values`; the rest keep their values. */
function assign(model: BayesianMlp, values: Record<string, number[]>): void {
  for (const { name, variable } of model.namedVariables()) {
    const v = values[name];
    if (v) variable.assign(tf.tensor(v, variable.shape));
  }
}

/** Every rho of the model at `rho`, as values for assign(). */
function everyRho(model: BayesianMlp, rho: number): Record<string, number[]> {
  const rhos: Record<string, number[]> = {};
  for (const { name, variable } of model.namedVariables()) {
    if (name.endsWith('.rho')) rhos[name] = new Array<number>(variable.size).fill(rho);
  }
  return rhos;
}

/**
 * The Gibbs risk of linearModel() against y on the four records of x, and on `maxRecords` of them
 * (evenly spaced), with S = `samples` draws of seed 2; disposes the model and the likelihood.
 */
function linearModelRisks(
  likelihood: Likelihood,
  y: Float32Array,
  samples: number,
  maxRecords: number
): { risk: number; loss: string; subsetRisk: number } {
  const model = linearModel();
  const result = gibbsRisk(model, likelihood, x, y, 4, { samples, seed: 2 });
  const subset = gibbsRisk(model, likelihood, x, y, 4, { samples, seed: 2, maxRecords });
  model.dispose();
  likelihood.dispose();
  return { ...result, subsetRisk: subset.risk };
}

/**
 * A linear model y = x W + c with W = A B^T, A = (1, 2)^T, B = (0.5), c = 0.25, and every rho at -30
 * (sigma = softplus(-30) = 9e-14), so every draw is the mean: outputs of x = (1, 0), (0, 1), (2, 2),
 * (-1, 0) are 0.75, 1.25, 3.25, -0.25.
 */
function linearModel(): BayesianMlp {
  const model = buildMlp({
    inputDim: 2,
    outputDim: 1,
    hidden: [],
    ranks: [1],
    prior: { kind: 'gaussian', sigma: 1 },
    seed: 1
  });
  assign(model, {
    ...everyRho(model, -30),
    'layer0.a.mu': [1, 2],
    'layer0.b.mu': [0.5],
    'layer0.bias.mu': [0.25]
  });
  return model;
}

const x = new Float32Array([1, 0, 0, 1, 2, 2, -1, 0]);

describe('gibbsRisk (METHOD.md section 7)', () => {
  it('regression: mean over records of min(1, |y - mu| / 2)', () => {
    // y = 0.75, 0.25, 0.25, 5: errors 0, 1, 3, 5.25 -> losses 0, 0.5, 1, 1 -> risk 2.5 / 4.
    const y = new Float32Array([0.75, 0.25, 0.25, 5]);
    const result = linearModelRisks(new GaussianLikelihood(), y, 3, 2);
    expect(result.risk).toBeCloseTo(0.625, 6);
    expect(result.loss).toBe(REGRESSION_LOSS);
    // Records 0 and 2 only (evenly spaced, 2 of 4): losses 0 and 1.
    expect(result.subsetRisk).toBeCloseTo(0.5, 6);
  });

  it('binary classification: mean 0-1 loss of the most probable class', () => {
    // Logits 0.75, 1.25, 3.25, -0.25 predict 1, 1, 1, 0; y = 1, 0, 1, 1 -> two errors in four.
    const y = new Float32Array([1, 0, 1, 1]);
    const result = linearModelRisks(new BernoulliLikelihood(), y, 5, 3);
    expect(result.risk).toBeCloseTo(0.5, 6);
    expect(result.loss).toBe(CLASSIFICATION_LOSS);
    expect(result.subsetRisk).toBeCloseTo(1 / 3, 6);
  });

  it('averages the loss over draws that disagree', () => {
    const model = smallMlp(3, 4);
    // A wide posterior (sigma = softplus(0.5) = 0.97) so that the draws' predictions differ.
    assign(model, everyRho(model, 0.5));
    const likelihood = new CategoricalLikelihood(3);
    const n = 30;
    const xs = Float32Array.from({ length: n * 3 }, (_, i) => Math.sin(1.3 * i) * 2);
    const ys = Float32Array.from({ length: n }, (_, i) => i % 3);
    const samples = 25;
    const seed = 8;
    // Reference: the same S draws' outputs, argmax and 0-1 loss in plain JS.
    const draws = model.drawSamples(samples, seed);
    const out = tf.tidy(() => draws.apply(tf.tensor2d(xs, [n, 3])));
    const values = out.dataSync();
    out.dispose();
    draws.dispose();
    let errors = 0;
    let disagreements = 0;
    for (let i = 0; i < n; i++) {
      const predicted = new Set<number>();
      for (let s = 0; s < samples; s++) {
        const o = Array.from(values.subarray((s * n + i) * 3, (s * n + i + 1) * 3));
        const cls = o.indexOf(Math.max(...o));
        predicted.add(cls);
        if (cls !== ys[i]) errors++;
      }
      if (predicted.size > 1) disagreements++;
    }
    expect(disagreements).toBeGreaterThan(0);
    const result = gibbsRisk(model, likelihood, xs, ys, n, { samples, seed });
    expect(result.risk).toBeCloseTo(errors / (samples * n), 6);
    model.dispose();
    likelihood.dispose();
  });

  it('rejects inconsistent inputs', () => {
    const model = linearModel();
    const likelihood = new GaussianLikelihood();
    const y = new Float32Array(4);
    expect(() => gibbsRisk(model, likelihood, x, y, 3, { samples: 1, seed: 1 })).toThrow();
    expect(() => gibbsRisk(model, likelihood, x, y, 4, { samples: 0, seed: 1 })).toThrow();
    expect(() => gibbsRisk(model, likelihood, x, y, 4, { samples: 1, seed: 1, maxRecords: 0 })).toThrow();
    model.dispose();
    likelihood.dispose();
  });
});
