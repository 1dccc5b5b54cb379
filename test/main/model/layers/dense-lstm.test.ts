import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import { BayesianLstmRegressor } from '../../../../src-main/model/bayesian-lstm';
import { meanWeights } from '../../../../src-main/model/inspect';
import { expectClose, matMul, useCpu } from '../helpers';
import { lstmReference } from '../lstm-reference';
import type { BayesianModel } from '../../../../src-main/model/bayesian-model';

beforeAll(useCpu);

const dims = { batch: 3, window: 4, features: 2, hidden: 3, layers: 2 };
const spec = {
  arch: 'lstm' as const,
  inputFeatures: dims.features,
  window: dims.window,
  hidden: dims.hidden,
  layers: dims.layers,
  rankIh: 2,
  rankHh: 2,
  prior: { kind: 'gaussian' as const, sigma: 1 },
  seed: 12
};
/** The mean bias of every layer that has one, by layer name: `X.bias` (point) or `X.bias.mu` (Bayesian). */
function meanBiases(model: BayesianModel): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const { name, variable } of model.namedVariables()) {
    const match = /^(.*)\.bias(\.mu)?$/.exec(name);
    if (match?.[1]) out.set(match[1], Array.from(variable.dataSync()));
  }
  return out;
}

const xValues = Array.from({ length: dims.batch * dims.window * dims.features }, (_, i) => Math.sin(0.7 * i));

describe("the baselines' LSTM (DenseLSTM, METHOD.md sections 3 and 5)", () => {
  for (const method of ['bbb', 'rank1', 'deterministic'] as const) {
    it(`${method}: the mean network is the textbook LSTM on the mean W_ih, W_hh and head (float64)`, () => {
      const model = new BayesianLstmRegressor({ ...spec, method });
      const weights = new Map(meanWeights(model).map((w) => [w.layer, Array.from(w.values)]));
      const bias = meanBiases(model);
      const top = lstmReference(xValues, dims, (layer) => ({
        wih: weights.get(`lstm${layer}.ih`) ?? [],
        whh: weights.get(`lstm${layer}.hh`) ?? [],
        bias: bias.get(`lstm${layer}.ih`) ?? []
      }));
      const h = dims.hidden;
      const last = Array.from({ length: dims.batch }, (_, b) =>
        top.slice((b * dims.window + dims.window - 1) * h, (b * dims.window + dims.window) * h)
      ).flat();
      const headBias = bias.get('head')?.[0] ?? NaN;
      const expected = matMul(last, weights.get('head') ?? [], dims.batch, h, 1).map((v) => v + headBias);
      tf.tidy(() => {
        const x = tf.tensor3d(xValues, [dims.batch, dims.window, dims.features]);
        expectClose(Array.from(model.forward(x, 'mean').output.dataSync()), expected, 1e-4, 1e-5);
      });
      model.dispose();
    });
  }

  for (const method of ['bbb', 'rank1'] as const) {
    it(`${method}: prediction draws applied one by one equal the same S draws stacked`, () => {
      const model = new BayesianLstmRegressor({ ...spec, method });
      const samples = model.drawSamples(4, 7);
      const stacked = model.drawMany(4, 7);
      tf.tidy(() => {
        const x = tf.tensor3d(xValues, [dims.batch, dims.window, dims.features]);
        expectClose(samples.apply(x).dataSync(), model.applyMany(x, stacked).dataSync(), 1e-5, 1e-6);
      });
      samples.dispose();
      for (const pass of stacked.layers) pass.dispose();
      model.dispose();
    });
  }
});
