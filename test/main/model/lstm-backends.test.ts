import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src-main/compute/backend';
import { BayesianLstmRegressor } from '../../../src-main/model/bayesian-lstm';
import type { LstmRegressorSpec } from '../../../src-main/model/bayesian-lstm';
import { GaussianLikelihood } from '../../../src-main/model/likelihoods/gaussian';
import { predict } from '../../../src-main/model/predictor';
import type { Predictive } from '../../../src-main/model/predictor';
import { trainModel } from '../../../src-main/model/trainer';
import { expectClose } from './helpers';

const spec: LstmRegressorSpec = {
  arch: 'lstm',
  inputFeatures: 3,
  window: 5,
  hidden: 6,
  layers: 2,
  rankIh: 2,
  rankHh: 3,
  prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) },
  seed: 13
};
const rows = 7;
const xValues = Float32Array.from({ length: rows * spec.window * spec.inputFeatures }, (_, i) =>
  Math.sin(0.9 * i)
);
const yValues = Float32Array.from({ length: rows }, (_, i) => Math.cos(i));

interface Run {
  output: number[];
  kl: number;
  grads: number[][];
  predictive: Predictive;
}

/** Forward output and KL of one seeded draw, gradients of NLL + KL / 50 in every variable, and predict(). */
function runOnCurrentBackend(): Run {
  const model = new BayesianLstmRegressor(spec);
  const lik = new GaussianLikelihood();
  const x = tf.tensor3d(xValues, [rows, spec.window, spec.inputFeatures]);
  const y = tf.tensor1d(yValues);
  const { output, kl } = tf.tidy(() => {
    const f = model.forward(x, 31);
    return { output: Array.from(f.output.dataSync()), kl: f.kl.dataSync()[0] ?? NaN };
  });
  const { value, grads } = tf.variableGrads(() => {
    const f = model.forward(x, 31);
    return tf.add(lik.nll(f.output, y), tf.mul(0.02, f.kl));
  }, model.trainableVariables);
  const result = model.trainableVariables.map((v) => Array.from((grads[v.name] as tf.Tensor).dataSync()));
  const predictive = predict(model, lik, xValues, rows, { samples: 12, seed: 6, intervalLevel: 0.95 });
  tf.dispose([value, x, y, ...Object.values(grads)]);
  model.dispose();
  lik.dispose();
  return { output, kl, grads: result, predictive };
}

describe('the LSTM regressor on wasm and cpu', () => {
  const runs: Partial<Record<'wasm' | 'cpu', Run>> = {};

  beforeAll(async () => {
    for (const backend of ['wasm', 'cpu'] as const) {
      await selectBackend({ env: { SBNN_BACKEND: backend } });
      expect(tf.getBackend()).toBe(backend);
      runs[backend] = runOnCurrentBackend();
    }
  });

  it('agree on the forward output and the KL of the same draw', () => {
    expectClose(runs.wasm?.output ?? [], runs.cpu?.output ?? [], 1e-4, 1e-5);
    expectClose([runs.wasm?.kl ?? NaN], [runs.cpu?.kl ?? NaN], 1e-4);
  });

  it('agree on the gradients of every mu and rho', () => {
    const cpu = runs.cpu?.grads ?? [];
    expect(runs.wasm?.grads.length).toBe(cpu.length);
    runs.wasm?.grads.forEach((g, i) => expectClose(g, cpu[i] ?? [], 1e-3, 1e-4));
  });

  it('agree on the Monte Carlo predictive summaries', () => {
    const [w, c] = [runs.wasm?.predictive, runs.cpu?.predictive];
    if (w?.kind !== 'regression' || c?.kind !== 'regression') throw new Error('expected regression');
    expectClose(w.mean, c.mean, 1e-4, 1e-5);
    expectClose(w.epistemicStd, c.epistemicStd, 1e-3, 1e-5);
  });

  it('trains on wasm without leaking tensors', async () => {
    await selectBackend({ env: { SBNN_BACKEND: 'wasm' } });
    const model = new BayesianLstmRegressor(spec);
    const lik = new GaussianLikelihood();
    const before = tf.memory().numTensors;
    const out = await trainModel(
      model,
      lik,
      {
        xTrain: xValues,
        yTrain: yValues,
        nTrain: rows,
        xVal: xValues,
        yVal: yValues,
        nVal: rows,
        input: model.input
      },
      {
        epochs: 2,
        batchSize: 4,
        lr: 0.01,
        beta: 1,
        annealZeroEpochs: 0,
        annealRampEpochs: 1,
        patience: 5,
        seed: 1
      }
    );
    expect(out.epochs.every((e) => Number.isFinite(e.loss) && Number.isFinite(e.valLoss))).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    lik.dispose();
  });
});
