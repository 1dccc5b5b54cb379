import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRng } from '@shared/math/random';
import { lstmParamCounts } from '@shared/model/param-count';
import { BayesianLstmRegressor } from '../../../src-main/model/bayesian-lstm';
import type { LstmRegressorSpec } from '../../../src-main/model/bayesian-lstm';
import { GaussianPosterior } from '../../../src-main/model/gaussian-posterior';
import { disposeWeights } from '../../../src-main/model/layers/dense-layer';
import { LowRankDense } from '../../../src-main/model/layers/low-rank-dense';
import type { LowRankDenseSample } from '../../../src-main/model/layers/low-rank-dense';
import { LowRankLSTM, disposeLstmSample } from '../../../src-main/model/layers/low-rank-lstm';
import type { LowRankLstmSample, LowRankLstmWeights } from '../../../src-main/model/layers/low-rank-lstm';
import { expectClose, matMul, useCpu } from './helpers';
import { lowRankProduct, lstmReference } from './lstm-reference';
import type { LstmLayerWeights } from './lstm-reference';
import { splitDraws } from './layers/split-draws';

beforeAll(useCpu);
afterEach(() => {
  vi.restoreAllMocks();
});

const spec: LstmRegressorSpec = {
  arch: 'lstm',
  inputFeatures: 2,
  window: 6,
  hidden: 5,
  layers: 2,
  rankIh: 2,
  rankHh: 3,
  prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) },
  seed: 3
};
const batch = 3;
const xValues = Array.from({ length: batch * spec.window * spec.inputFeatures }, (_, i) => Math.sin(1.7 * i));

/** Plain float64 weights of one LSTM layer draw: W_ih = A_ih B_ih^T, W_hh = A_hh B_hh^T. */
function layerWeights(layer: LowRankLSTM, s: LowRankLstmSample): LstmLayerWeights {
  const h = layer.hidden;
  const [rIh, rHh] = [layer.inputToGates.rank, s.aHh.shape[1] ?? 0];
  return {
    wih: lowRankProduct(s.ih.a.dataSync(), s.ih.b.dataSync(), layer.inputDim, 4 * h, rIh),
    whh: lowRankProduct(s.aHh.dataSync(), s.bHh.dataSync(), h, 4 * h, rHh),
    bias: Array.from(s.ih.bias.dataSync())
  };
}

/** Head output [B] of the top hidden states [B, W, H]: h_W a b^T + bias, float64. */
function headOutput(top: number[], head: { a: number[]; b: number[]; bias: number[] }): number[] {
  const { window: w, hidden: h } = spec;
  const last = Array.from({ length: batch }, (_, b) => top.slice((b * w + w - 1) * h, (b * w + w) * h));
  const weight = lowRankProduct(head.a, head.b, h, 1, 1);
  return last.map((row) => (matMul(row, weight, 1, h, 1)[0] ?? 0) + (head.bias[0] ?? 0));
}

const dims = {
  batch,
  window: spec.window,
  features: spec.inputFeatures,
  hidden: spec.hidden,
  layers: spec.layers
};

describe('BayesianLstmRegressor: one weight draw per batch (METHOD.md section 3)', () => {
  it('samples each posterior once per forward call, whatever the window length', () => {
    const counts = [3, 12].map((window) => {
      const model = new BayesianLstmRegressor({ ...spec, window });
      const spy = vi.spyOn(GaussianPosterior.prototype, 'reparameterize');
      tf.tidy(() => model.forward(tf.ones([2, window, spec.inputFeatures]), 11));
      const calls = spy.mock.calls.length;
      spy.mockRestore();
      model.dispose();
      return calls;
    });
    // 5 posteriors per layer (A_ih, B_ih, bias, A_hh, B_hh) and 3 in the head.
    expect(counts).toEqual([spec.layers * 5 + 3, spec.layers * 5 + 3]);
  });

  it('equals a float64 LSTM run with the single drawn W at every step, and not one re-drawn per step', () => {
    const model = new BayesianLstmRegressor(spec);
    const drawn: LstmLayerWeights[] = [];
    let head = { a: [] as number[], b: [] as number[], bias: [] as number[] };
    const layerDraw = LowRankLSTM.prototype.draw;
    const denseDraw = LowRankDense.prototype.draw;
    vi.spyOn(LowRankLSTM.prototype, 'draw').mockImplementation(function (this: LowRankLSTM, d) {
      const s = layerDraw.call(this, d);
      drawn.push(layerWeights(this, s));
      return s;
    });
    vi.spyOn(LowRankDense.prototype, 'draw').mockImplementation(function (this: LowRankDense, d) {
      const s: LowRankDenseSample = denseDraw.call(this, d);
      head = {
        a: Array.from(s.a.dataSync()),
        b: Array.from(s.b.dataSync()),
        bias: Array.from(s.bias.dataSync())
      };
      return s;
    });
    const output = tf.tidy(() =>
      Array.from(
        model.forward(tf.tensor3d(xValues, [batch, spec.window, spec.inputFeatures]), 42).output.dataSync()
      )
    );
    vi.restoreAllMocks();
    expect(drawn).toHaveLength(spec.layers);

    const once = headOutput(
      lstmReference(xValues, dims, (layer) => drawn[layer] as LstmLayerWeights),
      head
    );
    expectClose(output, once, 1e-4, 1e-5);

    // The same first draw, but fresh draws at later steps: a per-step sampler would give this.
    const redrawn = (model.layers as LowRankLSTM[]).map((layer, i) =>
      Array.from({ length: spec.window }, (_, t) =>
        t === 0
          ? (drawn[i] as LstmLayerWeights)
          : tf.tidy(() => layerWeights(layer, layer.draw(1000 + 10 * i + t)))
      )
    );
    const perStep = headOutput(
      lstmReference(xValues, dims, (layer, t) => redrawn[layer]?.[t] as LstmLayerWeights),
      head
    );
    const gap = Math.max(...perStep.map((v, i) => Math.abs(v - (output[i] ?? NaN))));
    expect(gap).toBeGreaterThan(1e-3);
    model.dispose();
  });

  it('counts the KL once per call: the same for a 3-step and a 12-step window with the same weights', () => {
    const kls = [3, 12].map((window) => {
      const model = new BayesianLstmRegressor({ ...spec, window });
      const kl = tf.tidy(() => model.forward(tf.ones([2, window, spec.inputFeatures]), 5).kl.dataSync()[0]);
      model.dispose();
      return kl;
    });
    expect(kls[0]).toBe(kls[1]);
  });

  it('its KL is the sum of each layer KL and the head KL on the drawn weights', () => {
    const model = new BayesianLstmRegressor(spec);
    const parts: number[] = [];
    const layerDraw = LowRankLSTM.prototype.draw;
    const denseDraw = LowRankDense.prototype.draw;
    vi.spyOn(LowRankLSTM.prototype, 'draw').mockImplementation(function (this: LowRankLSTM, d) {
      const s = layerDraw.call(this, d);
      parts.push(this.kl(s).dataSync()[0] ?? NaN);
      return s;
    });
    vi.spyOn(LowRankDense.prototype, 'draw').mockImplementation(function (this: LowRankDense, d) {
      const s: LowRankDenseSample = denseDraw.call(this, d);
      parts.push(this.kl(s).dataSync()[0] ?? NaN);
      return s;
    });
    const kl = tf.tidy(
      () => model.forward(tf.ones([2, spec.window, spec.inputFeatures]), 9).kl.dataSync()[0]
    );
    vi.restoreAllMocks();
    expect(parts).toHaveLength(spec.layers + 1);
    expectClose([kl ?? NaN], [parts.reduce((a, b) => a + b, 0)], 1e-5);
    model.dispose();
  });
});

describe('BayesianLstmRegressor', () => {
  it('counts parameters as lstmParamCounts (paper convention) and as worked by hand', () => {
    const model = new BayesianLstmRegressor(spec);
    const counts = lstmParamCounts({ ...spec, likelihoodParams: 1 });
    expect(model.paramCount).toBe(counts.lowRank - 1);
    // layer 0: 2*2*(2+20) + 2*3*(5+20) + 2*20 = 278; layer 1: 2*2*(5+20) + 150 + 40 = 290; head 2*(5+1) + 2 = 14
    expect(model.paramCount).toBe(278 + 290 + 14);
    model.dispose();
  });

  it("lstmParamCounts for the paper's LSTM (F = 8, H = 64, 2 layers, r 14 / 20)", () => {
    const counts = lstmParamCounts({
      inputFeatures: 8,
      hidden: 64,
      layers: 2,
      rankIh: 14,
      rankHh: 20,
      likelihoodParams: 0
    });
    // low rank: 2*14*264 + 2*20*320 + 512 = 20704; 2*14*320 + 12800 + 512 = 22272; head 132
    // full BBB: 2*(8*256 + 64*256 + 256) = 37376; 2*(2*64*256 + 256) = 66048; head 130
    // deterministic: 18688 + 33024 + 65 = 51777, five members
    expect(counts).toEqual({ lowRank: 43108, fullRankBayes: 103554, ensemble: 258885 });
  });

  it('describes its records as [window, features] float32 and refuses other windows', () => {
    const model = new BayesianLstmRegressor(spec);
    expect(model.input).toEqual({ shape: [spec.window, spec.inputFeatures], dtype: 'float32' });
    expect(model.spec.arch).toBe('lstm');
    expect(() => tf.tidy(() => model.forward(tf.ones([2, spec.window + 1, spec.inputFeatures]), 1))).toThrow(
      /windows \[6, 2\]/
    );
    expect(() => new BayesianLstmRegressor({ ...spec, hidden: 0 })).toThrow(/hidden/);
    model.dispose();
  });

  it('batched prediction draws equal the same S draws each run alone through the training recurrence', () => {
    const model = new BayesianLstmRegressor(spec);
    const count = 5;
    const x = tf.tensor3d(xValues, [batch, spec.window, spec.inputFeatures]);
    const samples = model.drawSamples(count, 77);
    // drawSamples seeds layer i with the i-th seed of createRng(77) and the head with the next one.
    const rng = createRng(77);
    const layerDraws = (model.layers as LowRankLSTM[]).map((layer) => layer.drawMany(count, rng.seed()));
    const headDraws = model.head.drawMany(count, rng.seed());
    tf.tidy(() => {
      const batched = samples.apply(x); // [S, B, 1]
      expect(batched.shape).toEqual([count, batch, 1]);
      const heads = splitDraws(headDraws, count);
      const perDraw = heads.map((head, s) => {
        let seq = tf.reshape(tf.transpose(x, [1, 0, 2]), [spec.window * batch, spec.inputFeatures]);
        let states: tf.Tensor[] = [];
        (model.layers as LowRankLSTM[]).forEach((layer, i) => {
          const w = layerDraws[i] as LowRankLstmWeights;
          const at = (t: tf.Tensor): tf.Tensor => tf.gather(t, s);
          const draw = {
            ih: { a: at(w.ih.a), b: at(w.ih.b), bias: at(w.ih.bias) },
            aHh: at(w.aHh),
            bHh: at(w.bHh)
          };
          states = layer.run(seq, spec.window, draw);
          seq = tf.concat(states, 0);
        });
        return Array.from(model.head.apply(states[states.length - 1] as tf.Tensor, head).dataSync());
      });
      heads.forEach(disposeWeights);
      perDraw.forEach((expected, s) => expectClose(tf.gather(batched, s).dataSync(), expected, 1e-5, 1e-6));
      // Independent draws: the first two disagree.
      const gap = Math.max(...(perDraw[0] ?? []).map((v, i) => Math.abs(v - (perDraw[1]?.[i] ?? NaN))));
      expect(gap).toBeGreaterThan(1e-3);
    });
    samples.dispose();
    layerDraws.forEach(disposeLstmSample);
    disposeWeights(headDraws);
    x.dispose();
    model.dispose();
  });

  it('sizes prediction chunks for all S draws of a step: S x chunk x max(H, r_ih + r_hh) within 4M floats', () => {
    const model = new BayesianLstmRegressor(spec);
    // max(H 5, r_ih 2 + r_hh 3) = 5: floor(4,194,304 / (100 x 5)) = 8,388 records.
    expect(model.predictionChunkSize(100)).toBe(8388);
    const dense = new BayesianLstmRegressor({ ...spec, method: 'bbb' });
    // [x_t, h] of the second layer: 5 + 5 = 10 floats per record and draw.
    expect(dense.predictionChunkSize(100)).toBe(4194);
    model.dispose();
    dense.dispose();
  });

  it('trains on windows of a single step (no recurrence; W_hh still gets its KL gradient)', () => {
    const model = new BayesianLstmRegressor({ ...spec, window: 1 });
    const x = tf.ones([2, 1, spec.inputFeatures]);
    const { value, grads } = tf.variableGrads(() => {
      const f = model.forward(x, 4);
      return tf.add(tf.sum(f.output), tf.mul(0.1, f.kl));
    }, model.trainableVariables);
    expect(Object.keys(grads)).toHaveLength(model.trainableVariables.length);
    expect(Object.values(grads).every((g) => Array.from(g.dataSync()).every(Number.isFinite))).toBe(true);
    tf.dispose([value, x, ...Object.values(grads)]);
    model.dispose();
  });

  it("with persistenceFeature, adds that feature's last value to the output in training and prediction", () => {
    const plain = new BayesianLstmRegressor(spec);
    const persistent = new BayesianLstmRegressor({ ...spec, persistenceFeature: 1 });
    const x = tf.tensor3d(xValues, [batch, spec.window, spec.inputFeatures]);
    const last = Array.from(
      { length: batch },
      (_, b) => xValues[(b * spec.window + spec.window - 1) * 2 + 1] ?? NaN
    );
    tf.tidy(() => {
      const a = plain.forward(x, 8).output.dataSync();
      const b = persistent.forward(x, 8).output.dataSync();
      expectClose(
        b,
        Array.from(a, (v, i) => v + (last[i] ?? NaN)),
        1e-6,
        1e-6
      );
    });
    const [sa, sb] = [plain.drawSamples(3, 4), persistent.drawSamples(3, 4)];
    tf.tidy(() => {
      const a = sa.apply(x).dataSync(); // [S, B, 1]
      const b = sb.apply(x).dataSync();
      expectClose(
        b,
        Array.from(a, (v, i) => v + (last[i % batch] ?? NaN)),
        1e-6,
        1e-6
      );
    });
    [sa, sb, plain, persistent].forEach((o) => o.dispose());
    x.dispose();
    expect(() => new BayesianLstmRegressor({ ...spec, persistenceFeature: 2 })).toThrow(/persistenceFeature/);
  });

  it('leaks no tensors in forward, gradients and stacked prediction draws', () => {
    const model = new BayesianLstmRegressor(spec);
    const x = tf.tensor3d(xValues, [batch, spec.window, spec.inputFeatures]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      model.forward(x, 3);
      model.forward(x, 'mean');
    });
    const { value, grads } = tf.variableGrads(() => {
      const f = model.forward(x, 4);
      return tf.add(tf.sum(f.output), f.kl);
    }, model.trainableVariables);
    tf.dispose([value, ...Object.values(grads)]);
    const samples = model.drawSamples(4, 8);
    const out = samples.apply(x);
    expect(out.shape).toEqual([4, batch, 1]);
    out.dispose();
    samples.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });
});
