import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BayesianLstmRegressor } from '../../../../src-main/model/bayesian-lstm';
import { createRng } from '@shared/math/random';
import { meanWeights } from '../../../../src-main/model/inspect';
import { disposeWeights } from '../../../../src-main/model/layers/dense-layer';
import type { DenseWeights } from '../../../../src-main/model/layers/dense-layer';
import type { DenseLSTM } from '../../../../src-main/model/layers/dense-lstm';
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

  /** Draw s of a stacked dense draw as a row-major float64 W [m, n] and its bias [n]. */
  function plainDraw(
    weights: DenseWeights,
    s: number,
    m: number,
    n: number
  ): { w: number[]; bias: number[] } {
    const row = (t: tf.Tensor | undefined, size: number): number[] =>
      t ? Array.from(t.dataSync().slice(t.rank > 1 ? s * size : 0, (t.rank > 1 ? s * size : 0) + size)) : [];
    if ('w' in weights) return { w: row(weights.w, m * n), bias: row(weights.bias, n) };
    if ('w0' in weights) {
      // Rank-1 multiplicative draw: W_ij = s_i W0_ij r_j.
      const [w0, sv, rv] = [Array.from(weights.w0.dataSync()), row(weights.s, m), row(weights.r, n)];
      return {
        w: w0.map((v, k) => v * (sv[Math.floor(k / n)] ?? NaN) * (rv[k % n] ?? NaN)),
        bias: row(weights.bias, n)
      };
    }
    throw new Error('Not a dense draw.');
  }

  for (const method of ['bbb', 'rank1'] as const) {
    it(`${method}: batched prediction draws equal each draw run alone through a float64 LSTM`, () => {
      const model = new BayesianLstmRegressor({ ...spec, method });
      const count = 4;
      const samples = model.drawSamples(count, 7);
      // drawSamples seeds layer i with the i-th seed of createRng(7) (W_ih, then W_hh from it), the head next.
      const rng = createRng(7);
      const h = dims.hidden;
      const layerDraws = (model.layers as DenseLSTM[]).map((layer) => {
        const own = createRng(rng.seed());
        return {
          layer,
          ih: layer.inputToGates.drawMany(count, own.seed()),
          hh: layer.hiddenToGates.drawMany(count, own.seed())
        };
      });
      const head = model.head.drawMany(count, rng.seed());
      const got = tf.tidy(() =>
        samples.apply(tf.tensor3d(xValues, [dims.batch, dims.window, dims.features])).dataSync()
      );
      const outputs = Array.from({ length: count }, (_, s) => {
        const top = lstmReference(xValues, dims, (i) => {
          const { layer, ih, hh } = layerDraws[i] as (typeof layerDraws)[number];
          const input = plainDraw(ih, s, layer.inputDim, 4 * h);
          return { wih: input.w, whh: plainDraw(hh, s, h, 4 * h).w, bias: input.bias };
        });
        const headDraw = plainDraw(head, s, h, 1);
        return Array.from({ length: dims.batch }, (_, b) => {
          const last = top.slice(
            (b * dims.window + dims.window - 1) * h,
            (b * dims.window + dims.window) * h
          );
          return (matMul(last, headDraw.w, 1, h, 1)[0] ?? NaN) + (headDraw.bias[0] ?? NaN);
        });
      });
      expectClose(got, outputs.flat(), 1e-4, 1e-5);
      // Independent draws: the first two disagree.
      const gap = Math.max(...(outputs[0] ?? []).map((v, i) => Math.abs(v - (outputs[1]?.[i] ?? NaN))));
      expect(gap).toBeGreaterThan(1e-3);
      samples.dispose();
      for (const { ih, hh } of layerDraws) [ih, hh].forEach(disposeWeights);
      disposeWeights(head);
      model.dispose();
    });
  }

  it('deterministic: prediction makes one draw, the mean network', () => {
    const model = new BayesianLstmRegressor({ ...spec, method: 'deterministic' });
    const samples = model.drawSamples(5, 3);
    expect(samples.count).toBe(1);
    tf.tidy(() => {
      const x = tf.tensor3d(xValues, [dims.batch, dims.window, dims.features]);
      expectClose(samples.apply(x).dataSync(), model.forward(x, 'mean').output.dataSync(), 1e-5, 1e-6);
    });
    samples.dispose();
    model.dispose();
  });
});
