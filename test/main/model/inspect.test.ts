import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BayesianMlp } from '../../../src-main/model/bayesian-mlp';
import { buildEnsemble } from '../../../src-main/model/ensemble';
import { gaussianPosteriors, lowRankFactors, meanWeights } from '../../../src-main/model/inspect';
import type { FullRankDense } from '../../../src-main/model/layers/full-rank-dense';
import type { LowRankDense } from '../../../src-main/model/layers/low-rank-dense';
import type { Rank1Dense } from '../../../src-main/model/layers/rank1-dense';
import { exportModel, importModel } from '../../../src-main/model/serialization';
import { buildTiny, likelihoodOf } from './baselines/fixtures';
import { expectClose, matMul, softplus, transpose, useCpu } from './helpers';

beforeAll(useCpu);

const read = (t: tf.Tensor): number[] => Array.from(t.dataSync());

describe('meanWeights', () => {
  it('sbnn: mu_A mu_B^T of every layer, rank r', () => {
    const model = buildTiny('mlp', 'sbnn') as BayesianMlp;
    const weights = meanWeights(model);
    expect(weights.map((w) => [w.layer, w.rows, w.cols, w.rank])).toEqual([
      ['layer0', 3, 8, 2],
      ['layer1', 8, 1, 1]
    ]);
    (model.layers as LowRankDense[]).forEach((layer, i) => {
      const [m, n, r] = [layer.inputDim, layer.outputDim, layer.rank];
      const expected = matMul(read(layer.a.mu), transpose(read(layer.b.mu), n, r), m, r, n);
      expectClose(weights[i]?.values ?? [], expected, 1e-5, 1e-7);
    });
    model.dispose();
  });

  it('bbb: mu_W; rank1: W0 * (mu_s mu_r^T); rank min(rows, cols)', () => {
    const bbb = buildTiny('mlp', 'bbb') as BayesianMlp;
    const rank1 = buildTiny('mlp', 'rank1') as BayesianMlp;
    const layer = bbb.layers[0] as FullRankDense;
    expect(meanWeights(bbb)[0]?.values).toEqual(Float32Array.from(read(layer.w.mu)));
    expect(meanWeights(bbb).map((w) => w.rank)).toEqual([3, 1]);
    const r1 = rank1.layers[0] as Rank1Dense;
    tf.tidy(() => {
      r1.s.mu.assign(tf.tensor1d([1, -2, 0.5]));
      r1.r.mu.assign(tf.linspace(0.5, 2, 8));
    });
    const [w0, s, r] = [read(r1.w0), read(r1.s.mu), read(r1.r.mu)];
    const expected = w0.map((v, k) => v * (s[Math.floor(k / 8)] ?? NaN) * (r[k % 8] ?? NaN));
    expectClose(meanWeights(rank1)[0]?.values ?? [], expected, 1e-6, 1e-7);
    bbb.dispose();
    rank1.dispose();
  });

  it('names the matrices of the LSTM and the Transformer by layer', () => {
    const lstm = buildTiny('lstm', 'sbnn');
    expect(meanWeights(lstm).map((w) => [w.layer, w.rows, w.cols, w.rank])).toEqual([
      ['lstm0.ih', 2, 12, 2],
      ['lstm0.hh', 3, 12, 2],
      ['lstm1.ih', 3, 12, 2],
      ['lstm1.hh', 3, 12, 2],
      ['head', 3, 1, 1]
    ]);
    const transformer = buildTiny('transformer', 'deterministic');
    expect(meanWeights(transformer).map((w) => [w.layer, w.rows, w.cols])).toEqual([
      ['embedding', 9, 4],
      ['block0.query', 4, 4],
      ['block0.key', 4, 4],
      ['block0.value', 4, 4],
      ['block0.output', 4, 4],
      ['block0.feedForwardIn', 4, 6],
      ['block0.feedForwardOut', 6, 4],
      ['head', 4, 1]
    ]);
    lstm.dispose();
    transformer.dispose();
  });
});

describe('gaussianPosteriors', () => {
  it('lists every Gaussian tensor with sigma = softplus(rho), none without a posterior', () => {
    const sbnn = buildTiny('mlp', 'sbnn') as BayesianMlp;
    const posteriors = gaussianPosteriors(sbnn);
    expect(posteriors.map((p) => p.name)).toEqual([
      'layer0.a',
      'layer0.b',
      'layer0.bias',
      'layer1.a',
      'layer1.b',
      'layer1.bias'
    ]);
    const first = sbnn.layers[0] as LowRankDense;
    expect(posteriors[0]?.mu).toEqual(Float32Array.from(read(first.a.mu)));
    expectClose(posteriors[0]?.sigma ?? [], read(first.a.rho).map(softplus), 1e-6);
    const names = (method: 'bbb' | 'rank1' | 'deterministic'): string[] => {
      const model = buildTiny('mlp', method);
      const out = gaussianPosteriors(model).map((p) => p.name);
      model.dispose();
      return out;
    };
    expect(names('bbb')).toEqual(['layer0.w', 'layer0.bias', 'layer1.w', 'layer1.bias']);
    expect(names('rank1')).toEqual(['layer0.s', 'layer0.r', 'layer1.s', 'layer1.r']);
    expect(names('deterministic')).toEqual([]);
    const ensemble = buildEnsemble([
      buildTiny('mlp', 'deterministic', 1),
      buildTiny('mlp', 'deterministic', 2)
    ]);
    expect(gaussianPosteriors(ensemble)).toEqual([]);
    expect(meanWeights(ensemble).map((w) => w.layer)).toEqual(['layer0', 'layer1']);
    sbnn.dispose();
    ensemble.dispose();
  });
});

describe('lowRankFactors', () => {
  it('gives mu and sigma of A and B of a low-rank layer, null otherwise, also after importModel', () => {
    const model = buildTiny('lstm', 'sbnn');
    const likelihood = likelihoodOf('lstm');
    const restored = importModel(JSON.parse(JSON.stringify(exportModel(model, likelihood))));
    for (const m of [model, restored.model]) {
      const factors = lowRankFactors(m, 'lstm1.hh');
      expect([factors?.a.rows, factors?.a.r, factors?.b.rows, factors?.b.r]).toEqual([3, 2, 12, 2]);
      expect(factors?.a.mu.length).toBe(6);
      expect(Array.from(factors?.a.sigma ?? []).every((v) => v > 0)).toBe(true);
      expect(lowRankFactors(m, 'nope')).toBeNull();
    }
    expect(lowRankFactors(restored.model, 'lstm1.hh')).toEqual(lowRankFactors(model, 'lstm1.hh'));
    expect(meanWeights(restored.model)).toEqual(meanWeights(model));
    const bbb = buildTiny('mlp', 'bbb');
    expect(lowRankFactors(bbb, 'layer0')).toBeNull();
    for (const m of [model, restored.model, bbb]) m.dispose();
    for (const l of [likelihood, restored.likelihood]) l.dispose();
  });
});
