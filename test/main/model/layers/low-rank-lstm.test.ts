import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BayesianLstmRegressor } from '../../../../src-main/model/bayesian-lstm';
import type { LstmRegressorSpec } from '../../../../src-main/model/bayesian-lstm';
import { LowRankLSTM, disposeLstmSample } from '../../../../src-main/model/layers/low-rank-lstm';
import type { LowRankLstmWeights } from '../../../../src-main/model/layers/low-rank-lstm';
import type { LstmState } from '../../../../src-main/model/layers/lstm-layer';
import { GaussianPrior } from '../../../../src-main/model/priors/gaussian-prior';
import { expectClose, softplus, useCpu } from '../helpers';

type Role = 'ih.a' | 'ih.b' | 'ih.bias' | 'hh.a' | 'hh.b';

/** Produced by test/fixtures/model/lstm.py (PyTorch nn.LSTM, float64, from float32 inputs). */
interface LstmReference {
  F: number;
  H: number;
  layers: number;
  rankIh: number;
  rankHh: number;
  window: number;
  batch: number;
  x: number[];
  coef: number[];
  factors: Array<Record<Role, number[]>>;
  head: Record<'a' | 'b' | 'bias', number[]>;
  hiddenTop: number[];
  hiddenFirst: number[];
  output: number[];
  grads: Array<Record<Role, number[]>>;
  headGrads: Record<'a' | 'b' | 'bias', number[]>;
}

const ref = JSON.parse(
  readFileSync(resolve(__dirname, '../../../fixtures/model/lstm.json'), 'utf8')
) as LstmReference;

const spec: LstmRegressorSpec = {
  arch: 'lstm',
  inputFeatures: ref.F,
  window: ref.window,
  hidden: ref.H,
  layers: ref.layers,
  rankIh: ref.rankIh,
  rankHh: ref.rankHh,
  prior: { kind: 'gaussian', sigma: 1 },
  seed: 5
};

/** The fixture's value of a variable named `lstm{i}.{role}.mu` or `head.{a|b|bias}.mu`. */
function referenceMu(name: string): number[] | undefined {
  const lstm = /^lstm(\d+)\.(.+)\.mu$/.exec(name);
  if (lstm) return ref.factors[Number(lstm[1])]?.[lstm[2] as Role];
  const head = /^head\.(.+)\.mu$/.exec(name);
  return head ? ref.head[head[1] as 'a' | 'b' | 'bias'] : undefined;
}

/** A regressor whose means are the fixture's factors; its 'mean' draw is then the torch network. */
function referenceModel(): BayesianLstmRegressor {
  const model = new BayesianLstmRegressor(spec);
  for (const { name, variable } of model.namedVariables()) {
    const mu = referenceMu(name);
    if (mu) variable.assign(tf.tensor(mu, variable.shape));
  }
  return model;
}

beforeAll(useCpu);

describe('LowRankLSTM against PyTorch nn.LSTM', () => {
  it('packs the gates [i, f, g, o] like nn.LSTM: first-layer states, top-layer output and head match', () => {
    const model = referenceModel();
    const x = tf.tensor3d(ref.x, [ref.batch, ref.window, ref.F]);
    const { first, output } = tf.tidy(() => {
      const layer = model.layers[0] as LowRankLSTM;
      const timeMajor = tf.reshape(tf.transpose(x, [1, 0, 2]), [ref.window * ref.batch, ref.F]);
      // run() returns W states [B, H]; stack on axis 1 -> [B, W, H], torch's batch-first layout.
      const states = layer.run(timeMajor, ref.window, layer.draw('mean'));
      return {
        first: Array.from(tf.stack(states, 1).dataSync()),
        output: Array.from(model.forward(x, 'mean').output.dataSync())
      };
    });
    expectClose(first, ref.hiddenFirst, 1e-5, 1e-6);
    expectClose(output, ref.output, 1e-5, 1e-6);
    x.dispose();
    model.dispose();
  });

  it('gradients of every factor and bias mean equal torch autograd through W = A B^T', () => {
    const model = referenceModel();
    const x = tf.tensor3d(ref.x, [ref.batch, ref.window, ref.F]);
    const coef = tf.tensor2d(ref.coef, [ref.batch, 1]);
    const { value, grads } = tf.variableGrads(
      () => tf.sum(tf.mul(coef, model.forward(x, 'mean').output)),
      model.trainableVariables
    );
    let checked = 0;
    for (const { name, variable } of model.namedVariables()) {
      const lstm = /^lstm(\d+)\.(.+)\.mu$/.exec(name);
      const head = /^head\.(.+)\.mu$/.exec(name);
      const expected = lstm
        ? ref.grads[Number(lstm[1])]?.[lstm[2] as Role]
        : head
          ? ref.headGrads[head[1] as 'a' | 'b' | 'bias']
          : undefined;
      if (!expected) continue;
      expectClose((grads[variable.name] as tf.Tensor).dataSync(), expected, 1e-4, 1e-6);
      checked++;
    }
    expect(checked).toBe(ref.layers * 5 + 3);
    tf.dispose([value, x, coef, ...Object.values(grads)]);
    model.dispose();
  });
});

describe('LowRankLSTM', () => {
  const prior = new GaussianPrior(1);

  it('initialises the forget-gate bias mean to 1 and the other gates to 0, with bias rho -5', () => {
    const h = 3;
    const layer = new LowRankLSTM({ inputDim: 2, hidden: h, rankIh: 2, rankHh: 2, prior, seed: 1 });
    expect(Array.from(layer.inputToGates.bias.mu.dataSync())).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(layer.inputToGates.bias.rho.dataSync())).toEqual(new Array<number>(4 * h).fill(-5));
    layer.dispose();
  });

  it('has factors of the stated shapes and counts every mu and rho', () => {
    const layer = new LowRankLSTM({ inputDim: 5, hidden: 4, rankIh: 2, rankHh: 3, prior, seed: 1 });
    expect(layer.posteriors.map(([role, p]) => [role, p.shape])).toEqual([
      ['ih.a', [5, 2]],
      ['ih.b', [16, 2]],
      ['ih.bias', [16]],
      ['hh.a', [4, 3]],
      ['hh.b', [16, 3]]
    ]);
    // 2 (5 * 2 + 16 * 2 + 16 + 4 * 3 + 16 * 3)
    expect(layer.paramCount).toBe(236);
    layer.dispose();
  });

  it('gradients in mu and rho through a seeded draw match central finite differences', () => {
    // Gaussian prior: smooth, so float32 central differences with step 1e-2 are accurate to ~1e-4.
    const model = new BayesianLstmRegressor({ ...spec, window: 3, seed: 8 });
    const x = tf.tensor3d(ref.x.slice(0, ref.batch * 3 * ref.F), [ref.batch, 3, ref.F]);
    const coef = tf.tensor2d(ref.coef, [ref.batch, 1]);
    const loss = (): tf.Scalar =>
      tf.tidy(() => {
        const f = model.forward(x, 77);
        return tf.add(tf.sum(tf.mul(coef, f.output)), tf.mul(0.01, f.kl));
      });
    const { value, grads } = tf.variableGrads(loss, model.trainableVariables);
    const step = 1e-2;
    let checked = 0;
    for (const { name, variable } of model.namedVariables()) {
      if (!/^lstm[01]\.(hh\.a|ih\.bias|ih\.b)\.(mu|rho)$/.test(name)) continue;
      const grad = (grads[variable.name] as tf.Tensor).dataSync();
      for (const index of [0, variable.size - 1]) {
        const base = variable.dataSync().slice();
        const at = (delta: number): number => {
          const moved = base.slice();
          moved[index] = (moved[index] ?? 0) + delta;
          variable.assign(tf.tensor(moved, variable.shape));
          const v = loss();
          const out = v.dataSync()[0] ?? NaN;
          v.dispose();
          return out;
        };
        const fd = (at(step) - at(-step)) / (2 * step);
        variable.assign(tf.tensor(base, variable.shape));
        expect(Math.abs((grad[index] ?? NaN) - fd)).toBeLessThan(2e-3 + 1e-2 * Math.abs(fd));
        checked++;
      }
    }
    expect(checked).toBe(24);
    tf.dispose([value, x, coef, ...Object.values(grads)]);
    model.dispose();
  });

  it('the factored recurrence of large chunks equals the formed-W_hh recurrence of small ones', () => {
    const layer = new LowRankLSTM({ inputDim: 2, hidden: 3, rankIh: 2, rankHh: 2, prior, seed: 6 });
    const [steps, many, few] = [3, 300, 2];
    const x = tf.randomNormal([steps, many, 2], 0, 1, 'float32', 5); // time-major
    const sample = layer.draw(12);
    tf.tidy(() => {
      const large = layer.run(tf.reshape(x, [steps * many, 2]), steps, sample); // rows >= 256: factored
      const small = layer.run(
        tf.reshape(tf.slice(x, [0, 0, 0], [-1, few, -1]), [steps * few, 2]),
        steps,
        sample
      );
      large.forEach((h, t) =>
        expectClose(tf.slice(h, [0, 0], [few, -1]).dataSync(), (small[t] as tf.Tensor).dataSync(), 1e-5, 1e-6)
      );
    });
    x.dispose();
    disposeLstmSample(sample);
    layer.dispose();
  });

  /** Draw s of stacked draws as a plain draw. */
  function drawAt(w: LowRankLstmWeights, s: number): LowRankLstmWeights {
    const at = (t: tf.Tensor): tf.Tensor => tf.gather(t, s);
    return { ih: { a: at(w.ih.a), b: at(w.ih.b), bias: at(w.ih.bias) }, aHh: at(w.aHh), bHh: at(w.bHh) };
  }

  it('the batched prediction cell runs each of its S draws as the training recurrence does with that draw', () => {
    const layer = new LowRankLSTM({ inputDim: 3, hidden: 4, rankIh: 2, rankHh: 3, prior, seed: 9 });
    const [steps, rows, count] = [4, 5, 3];
    const x = tf.randomNormal([steps, rows, 3], 0, 1, 'float32', 8); // time-major
    // inferenceMany draws what drawMany draws from the same seed.
    const cell = layer.inferenceMany(count, 31);
    const stacked = layer.drawMany(count, 31);
    tf.tidy(() => {
      let state: LstmState | null = null;
      const batched = tf.unstack(x).map((xt) => {
        state = cell.step(xt, state);
        return state.h; // [S, B, H]
      });
      const perDraw = Array.from({ length: count }, (_, s) =>
        layer.run(tf.reshape(x, [steps * rows, 3]), steps, drawAt(stacked, s))
      );
      batched.forEach((h, t) => {
        expect(h.shape).toEqual([count, rows, 4]);
        perDraw.forEach((states, s) =>
          expectClose(tf.gather(h, s).dataSync(), (states[t] as tf.Tensor).dataSync(), 1e-5, 1e-6)
        );
      });
      // The draws are independent: their last states differ.
      const last = perDraw.map((states) => (states[steps - 1] as tf.Tensor).dataSync());
      const gap = Math.max(...Array.from(last[0] ?? [], (v, i) => Math.abs(v - (last[1]?.[i] ?? NaN))));
      expect(gap).toBeGreaterThan(1e-3);
    });
    cell.dispose();
    disposeLstmSample(stacked);
    x.dispose();
    layer.dispose();
  });

  it('the batched prediction cell reads a shared input [B, d] as the same input for every draw', () => {
    const layer = new LowRankLSTM({ inputDim: 2, hidden: 3, rankIh: 2, rankHh: 2, prior, seed: 2 });
    const count = 4;
    const x = tf.randomNormal([2, 6, 2], 0, 1, 'float32', 1); // [steps, B, d]
    const cell = layer.inferenceMany(count, 5);
    tf.tidy(() => {
      let shared: LstmState | null = null;
      let tiled: LstmState | null = null;
      for (const xt of tf.unstack(x)) {
        shared = cell.step(xt, shared);
        tiled = cell.step(tf.tile(tf.expandDims(xt, 0), [count, 1, 1]), tiled);
      }
      expectClose(shared?.h.dataSync() ?? [], tiled?.h.dataSync() ?? [], 1e-6, 1e-7);
    });
    cell.dispose();
    x.dispose();
    layer.dispose();
  });

  it('the initial sigma of the factors is eta times the Glorot-matched factor std', () => {
    const layer = new LowRankLSTM({ inputDim: 6, hidden: 4, rankIh: 2, rankHh: 3, prior, seed: 1 });
    // (2 / (H + 4H) / r_hh)^(1/4) * 0.1
    const expected = 0.1 * Math.pow(2 / 20 / 3, 0.25);
    expectClose([softplus(layer.aHh.rho.dataSync()[0] ?? NaN)], [expected], 1e-5);
    layer.dispose();
  });
});
