import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlpParamCounts } from '@shared/model/param-count';
import { buildMlp, disposeSamples } from '../../../src-main/model/bayesian-mlp';
import type { MlpSpec } from '../../../src-main/model/bayesian-mlp';
import type { LowRankDense } from '../../../src-main/model/layers/low-rank-dense';
import type { LowRankDenseWeights } from '../../../src-main/model/layers/low-rank-dense';
import { expectClose, matMul, transpose, useCpu } from './helpers';

beforeAll(useCpu);

const spec: MlpSpec = {
  inputDim: 5,
  outputDim: 2,
  hidden: [6, 4],
  ranks: [2, 3, 1],
  prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) },
  seed: 42
};

const read = (t: tf.Tensor): number[] => Array.from(t.dataSync());

describe('BayesianMlp', () => {
  it("'mean' forward is ReLU between layers and linear at the output, on the posterior means (float64 reference)", () => {
    const model = buildMlp(spec);
    // Push some hidden pre-activations negative so the ReLU matters.
    tf.tidy(() =>
      (model.layers[0] as LowRankDense).bias.mu.assign(tf.tensor1d([-0.5, 0.5, -0.2, 0.1, -1, 0.3]))
    );
    const rows = 3;
    const x = Array.from({ length: rows * spec.inputDim }, (_, i) => Math.sin(3 * i));
    let h = x;
    const widths = [spec.inputDim, ...spec.hidden, spec.outputDim];
    (model.layers as LowRankDense[]).forEach((layer, i) => {
      const [m, n, r] = [widths[i] ?? 0, widths[i + 1] ?? 0, layer.rank];
      const w = matMul(read(layer.a.mu), transpose(read(layer.b.mu), n, r), m, r, n);
      const bias = read(layer.bias.mu);
      h = matMul(h, w, rows, m, n).map((v, k) => v + (bias[k % n] ?? 0));
      if (i < model.layers.length - 1) h = h.map((v) => Math.max(v, 0));
    });
    const out = tf.tidy(() => read(model.forward(tf.tensor2d(x, [rows, spec.inputDim]), 'mean').output));
    expectClose(out, h, 1e-5, 1e-6);
    model.dispose();
  });

  it('the same seed repeats a forward pass exactly; another seed draws other weights', () => {
    const model = buildMlp(spec);
    const x = tf.randomNormal([4, spec.inputDim], 0, 1, 'float32', 1) as tf.Tensor2D;
    const run = (seed: number): number[] =>
      tf.tidy(() => {
        const { output, kl } = model.forward(x, seed);
        expect(output.shape).toEqual([4, 2]);
        return [...read(output), kl.arraySync()];
      });
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
    x.dispose();
    model.dispose();
  });

  it('initial mu values depend only on spec.seed', () => {
    const [a, b, c] = [buildMlp(spec), buildMlp(spec), buildMlp({ ...spec, seed: 43 })];
    expect(read((a.layers[1] as LowRankDense).a.mu)).toEqual(read((b.layers[1] as LowRankDense).a.mu));
    expect(read((a.layers[1] as LowRankDense).a.mu)).not.toEqual(read((c.layers[1] as LowRankDense).a.mu));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('stacked draws give [S, B, out]; draw s matches a forward pass with those weights', () => {
    const model = buildMlp(spec);
    const x = tf.randomNormal([3, spec.inputDim], 0, 1, 'float32', 2) as tf.Tensor2D;
    const draws = model.drawMany(4, 9);
    const out = model.applyMany(x, draws);
    expect(out.shape).toEqual([4, 3, 2]);
    // Rebuild draw 2 layer by layer with the plain (unstacked) path.
    const expected = tf.tidy(() => {
      let h: tf.Tensor = x;
      model.layers.forEach((layer, i) => {
        const d = draws[i] as LowRankDenseWeights | undefined;
        if (!d) throw new Error('missing draw');
        const pick = (t: tf.Tensor): tf.Tensor => tf.squeeze(tf.slice(t, [2], [1]), [0]);
        h = layer.apply(h, { a: pick(d.a), b: pick(d.b), bias: pick(d.bias) });
        if (i < model.layers.length - 1) h = tf.relu(h);
      });
      return read(h);
    });
    expectClose(read(tf.tidy(() => tf.slice(out, [2], [1]))), expected, 1e-5, 1e-6);
    disposeSamples(draws);
    tf.dispose([x, out]);
    model.dispose();
  });

  it('counts parameters as mlpParamCounts does', () => {
    const model = buildMlp(spec);
    expect(model.paramCount).toBe(mlpParamCounts({ ...spec, likelihoodParams: 0 }).lowRank);
    expect(model.namedVariables().map((v) => v.name)).toContain('layer2.bias.rho');
    model.dispose();
  });

  it('rejects a rank list that does not match the layers', () => {
    expect(() => buildMlp({ ...spec, ranks: [2, 3] })).toThrow(/3 ranks/);
  });

  it('leaks no tensors and frees everything on dispose', () => {
    const before = tf.memory().numTensors;
    const model = buildMlp(spec);
    tf.tidy(() => {
      model.forward(tf.ones([2, spec.inputDim]), 3);
      model.forward(tf.ones([2, spec.inputDim]), 'mean');
    });
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
