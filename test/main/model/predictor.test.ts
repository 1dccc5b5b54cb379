import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMlp, disposeSamples } from '../../../src-main/model/bayesian-mlp';
import type { BayesianMlp, MlpSpec } from '../../../src-main/model/bayesian-mlp';
import { BernoulliLikelihood } from '../../../src-main/model/likelihoods/bernoulli';
import { CategoricalLikelihood } from '../../../src-main/model/likelihoods/categorical';
import { GaussianLikelihood } from '../../../src-main/model/likelihoods/gaussian';
import { predict } from '../../../src-main/model/predictor';
import type { LowRankDense } from '../../../src-main/model/layers/low-rank-dense';
import type { LowRankDenseWeights } from '../../../src-main/model/layers/low-rank-dense';
import { expectClose, matMul, transpose, useCpu } from './helpers';

beforeAll(useCpu);

const spec = (outputDim: number): MlpSpec => ({
  inputDim: 3,
  outputDim,
  hidden: [5],
  ranks: [2, 2],
  prior: { kind: 'gaussian', sigma: 1 },
  seed: 9
});

/** Widen the posterior so the draws disagree and the uncertainty is far from 0. */
function widen(model: BayesianMlp): void {
  tf.tidy(() => {
    for (const layer of model.layers as LowRankDense[])
      for (const q of [layer.a, layer.b]) q.rho.assign(tf.fill(q.shape, -0.5));
  });
}

/** The network outputs of every draw, recomputed in float64 from the same stacked draws: [S][record][out]. */
function outputsInJs(
  model: BayesianMlp,
  x: number[],
  n: number,
  samples: number,
  seed: number
): number[][][] {
  const draws = model.drawMany(samples, seed);
  const widths = [model.spec.inputDim, ...model.spec.hidden, model.spec.outputDim];
  const out: number[][][] = [];
  for (let s = 0; s < samples; s++) {
    let h = x;
    model.layers.forEach((layer, i) => {
      const [m, k, r] = [widths[i] ?? 0, widths[i + 1] ?? 0, layer.rank];
      const d = draws[i] as LowRankDenseWeights | undefined;
      if (!d) throw new Error('missing draw');
      const a = Array.from(d.a.dataSync()).slice(s * m * r, (s + 1) * m * r);
      const b = Array.from(d.b.dataSync()).slice(s * k * r, (s + 1) * k * r);
      const bias = Array.from(d.bias.dataSync()).slice(s * k, (s + 1) * k);
      h = matMul(h, matMul(a, transpose(b, k, r), m, r, k), n, m, k).map((v, j) => v + (bias[j % k] ?? 0));
      if (i < model.layers.length - 1) h = h.map((v) => Math.max(v, 0));
    });
    const o = widths.at(-1) ?? 1;
    out.push(Array.from({ length: n }, (_, i) => h.slice(i * o, (i + 1) * o)));
  }
  disposeSamples(draws);
  return out;
}

const entropy = (p: number[]): number => -p.reduce((s, v) => s + (v > 0 ? v * Math.log(v) : 0), 0);
/** numpy.quantile's default (linear) on unsorted values. */
const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] ?? NaN) + (h - lo) * ((sorted[hi] ?? NaN) - (sorted[lo] ?? NaN));
};
const softmax = (z: number[]): number[] => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

const n = 7;
const x = Array.from({ length: n * 3 }, (_, i) => Math.sin(1.7 * i) * 2);
const opts = { samples: 40, seed: 5, intervalLevel: 0.9, batchSize: 3 };

describe('predict (METHOD.md section 4)', () => {
  it('binary: p_bar, entropy decomposition and the interval of P(y = 1), from the same draws in float64', () => {
    const model = buildMlp(spec(1));
    widen(model);
    const result = predict(model, new BernoulliLikelihood(), Float32Array.from(x), n, opts);
    const outs = outputsInJs(model, x, n, opts.samples, opts.seed);
    if (result.kind !== 'classification') throw new Error('expected classification');
    expect(result.classes).toBe(2);
    for (let i = 0; i < n; i++) {
      const ps = outs.map((o) => {
        const p1 = 1 / (1 + Math.exp(-(o[i]?.[0] ?? 0)));
        return [1 - p1, p1];
      });
      const pBar = [0, 1].map((k) => ps.reduce((s, p) => s + (p[k] ?? 0), 0) / ps.length);
      const total = entropy(pBar);
      const aleatoric = ps.reduce((s, p) => s + entropy(p), 0) / ps.length;
      expectClose(Array.from(result.probs.slice(2 * i, 2 * i + 2)), pBar, 1e-4, 1e-6);
      expectClose([result.total[i] ?? NaN, result.aleatoric[i] ?? NaN], [total, aleatoric], 1e-4, 1e-6);
      expect(result.epistemic[i]).toBeCloseTo(Math.max(total - aleatoric, 0), 4);
      const p1s = ps.map((p) => p[1] ?? NaN);
      expectClose(
        [result.lower[i] ?? NaN, result.upper[i] ?? NaN],
        [quantile(p1s, 0.05), quantile(p1s, 0.95)],
        1e-4,
        1e-6
      );
    }
    expect(Math.max(...result.epistemic)).toBeGreaterThan(0.01);
    model.dispose();
  });

  it('multiclass: the interval is on the probability of the predicted class', () => {
    const model = buildMlp(spec(3));
    widen(model);
    const result = predict(model, new CategoricalLikelihood(3), Float32Array.from(x), n, opts);
    const outs = outputsInJs(model, x, n, opts.samples, opts.seed);
    if (result.kind !== 'classification') throw new Error('expected classification');
    for (let i = 0; i < n; i++) {
      const ps = outs.map((o) => softmax(o[i] ?? []));
      const pBar = [0, 1, 2].map((k) => ps.reduce((s, p) => s + (p[k] ?? 0), 0) / ps.length);
      const predicted = pBar.indexOf(Math.max(...pBar));
      expectClose(Array.from(result.probs.slice(3 * i, 3 * i + 3)), pBar, 1e-4, 1e-6);
      const chosen = ps.map((p) => p[predicted] ?? NaN);
      expectClose(
        [result.lower[i] ?? NaN, result.upper[i] ?? NaN],
        [quantile(chosen, 0.05), quantile(chosen, 0.95)],
        1e-4,
        1e-6
      );
      expect(result.total[i]).toBeCloseTo(entropy(pBar), 4);
    }
    model.dispose();
  });

  it('regression: mean of means, epistemic std, noise, total std and the z interval', () => {
    const model = buildMlp(spec(1));
    widen(model);
    const lik = new GaussianLikelihood(Math.log(0.5));
    const result = predict(model, lik, Float32Array.from(x), n, opts);
    const outs = outputsInJs(model, x, n, opts.samples, opts.seed);
    if (result.kind !== 'regression') throw new Error('expected regression');
    const z = 1.6448536269514715; // Phi^-1(0.95) for a 90% central interval
    for (let i = 0; i < n; i++) {
      const means = outs.map((o) => o[i]?.[0] ?? NaN);
      const mean = means.reduce((a, b) => a + b, 0) / means.length;
      const epi = Math.sqrt(means.reduce((s, v) => s + (v - mean) ** 2, 0) / means.length);
      const total = Math.sqrt(epi * epi + 0.25);
      const got = [
        result.mean,
        result.epistemicStd,
        result.noiseStd,
        result.totalStd,
        result.lower,
        result.upper
      ].map((a) => a[i] ?? NaN);
      expectClose(got, [mean, epi, 0.5, total, mean - z * total, mean + z * total], 1e-4, 1e-5);
    }
    model.dispose();
    lik.dispose();
  });

  it('does not depend on the chunk size, repeats for a seed, and leaks no tensors', () => {
    const model = buildMlp(spec(1));
    widen(model);
    const before = tf.memory().numTensors;
    const lik = new BernoulliLikelihood();
    const a = predict(model, lik, Float32Array.from(x), n, { ...opts, batchSize: 2 });
    const b = predict(model, lik, Float32Array.from(x), n, { ...opts, batchSize: 100 });
    const c = predict(model, lik, Float32Array.from(x), n, { ...opts, seed: 6 });
    expect(tf.memory().numTensors).toBe(before);
    if (a.kind !== 'classification' || b.kind !== 'classification' || c.kind !== 'classification')
      throw new Error('kind');
    expectClose(a.probs, b.probs, 1e-6);
    expectClose(a.upper, b.upper, 1e-6);
    expect(Array.from(a.probs)).not.toEqual(Array.from(c.probs));
    model.dispose();
  });
});
