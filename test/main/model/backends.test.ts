import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src-main/compute/backend';
import { buildMlp } from '../../../src-main/model/bayesian-mlp';
import type { MlpSpec } from '../../../src-main/model/bayesian-mlp';
import { BernoulliLikelihood } from '../../../src-main/model/likelihoods/bernoulli';
import { CategoricalLikelihood } from '../../../src-main/model/likelihoods/categorical';
import { predict } from '../../../src-main/model/predictor';
import { trainModel } from '../../../src-main/model/trainer';
import { expectClose } from './helpers';

const spec: MlpSpec = {
  inputDim: 6,
  outputDim: 3,
  hidden: [16, 8],
  ranks: [3, 4, 2],
  prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) },
  seed: 21
};
const rows = 10;
const xValues = Float32Array.from({ length: rows * spec.inputDim }, (_, i) => Math.sin(0.7 * i) * 2);
const yValues = Float32Array.from({ length: rows }, (_, i) => i % 3);

/** Forward output, KL and the gradient of NLL + KL / 10 in every variable, for one seeded draw. */
function forwardAndGradients(): { output: number[]; kl: number; grads: number[][] } {
  const model = buildMlp(spec);
  const lik = new CategoricalLikelihood(3);
  const x = tf.tensor2d(xValues, [rows, spec.inputDim]);
  const y = tf.tensor1d(yValues);
  const { output, kl } = tf.tidy(() => {
    const f = model.forward(x, 99);
    return { output: Array.from(f.output.dataSync()), kl: f.kl.arraySync() };
  });
  const { value, grads } = tf.variableGrads(() => {
    const f = model.forward(x, 99);
    return tf.add(lik.nll(f.output, y), tf.mul(0.1, f.kl));
  }, model.trainableVariables);
  const result = model.trainableVariables.map((v) => Array.from((grads[v.name] as tf.Tensor).dataSync()));
  tf.dispose([value, x, y, ...Object.values(grads)]);
  model.dispose();
  return { output, kl, grads: result };
}

describe('wasm and cpu backends agree', () => {
  const results: Record<'wasm' | 'cpu', ReturnType<typeof forwardAndGradients> | null> = {
    wasm: null,
    cpu: null
  };
  const predictions: Record<'wasm' | 'cpu', ReturnType<typeof predict> | null> = { wasm: null, cpu: null };

  beforeAll(async () => {
    for (const backend of ['wasm', 'cpu'] as const) {
      const info = await selectBackend({ env: { SBNN_BACKEND: backend } });
      expect(tf.getBackend()).toBe(info.name);
      results[backend] = forwardAndGradients();
      const model = buildMlp(spec);
      predictions[backend] = predict(model, new CategoricalLikelihood(3), xValues, rows, {
        samples: 30,
        seed: 4,
        intervalLevel: 0.95
      });
      model.dispose();
    }
  });

  it('on the forward output and the Monte Carlo KL', () => {
    expectClose(results.wasm?.output ?? [], results.cpu?.output ?? [], 1e-4, 1e-5);
    expect(results.wasm?.kl).toBeCloseTo(results.cpu?.kl ?? NaN, 2);
  });

  it('on the gradients of every mu and rho', () => {
    const cpu = results.cpu?.grads ?? [];
    expect(results.wasm?.grads.length).toBe(cpu.length);
    results.wasm?.grads.forEach((g, i) => expectClose(g, cpu[i] ?? [], 1e-3, 1e-4));
  });

  it('on the Monte Carlo predictive summaries', () => {
    const [w, c] = [predictions.wasm, predictions.cpu];
    if (w?.kind !== 'classification' || c?.kind !== 'classification') throw new Error('kind');
    expectClose(w.probs, c.probs, 1e-4, 1e-6);
    expectClose(w.epistemic, c.epistemic, 1e-3, 1e-5);
    expectClose(w.lower, c.lower, 1e-4, 1e-6);
  });

  it('training runs on wasm without leaking tensors', async () => {
    await selectBackend({ env: { SBNN_BACKEND: 'wasm' } });
    const model = buildMlp({ ...spec, outputDim: 1 });
    const before = tf.memory().numTensors;
    const n = 40;
    const x = Float32Array.from({ length: n * spec.inputDim }, (_, i) => Math.cos(1.3 * i));
    const y = Float32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const out = await trainModel(
      model,
      new BernoulliLikelihood(),
      { xTrain: x, yTrain: y, nTrain: n, xVal: x, yVal: y, nVal: n, inputDim: spec.inputDim },
      {
        epochs: 2,
        batchSize: 16,
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
  });
});
