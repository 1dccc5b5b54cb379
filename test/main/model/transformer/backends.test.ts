import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../src-main/compute/backend';
import { CategoricalLikelihood } from '../../../../src-main/model/likelihoods/categorical';
import { BayesianTransformerClassifier } from '../../../../src-main/model/transformer/bayesian-transformer';
import type { TransformerSpec } from '../../../../src-main/model/transformer/transformer-spec';
import { expectClose } from '../helpers';

const spec: TransformerSpec = {
  arch: 'transformer',
  vocabSize: 30,
  maxLen: 7,
  dModel: 8,
  layers: 2,
  heads: 2,
  ff: 12,
  rank: 3,
  outputDim: 3,
  prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) },
  seed: 13
};
/** Token 4 appears four times across records, so its embedding gradient is a sum (UnsortedSegmentSum). */
const IDS = [
  [2, 4, 17, 4, 29, 0, 0],
  [2, 11, 4, 3, 8, 21, 5],
  [2, 4, 0, 0, 0, 0, 0]
];
const LABELS = [1, 0, 2];

interface Result {
  output: number[];
  kl: number;
  grads: Record<string, number[]>;
  predictive: number[];
}

function run(): Result {
  const model = new BayesianTransformerClassifier(spec);
  const likelihood = new CategoricalLikelihood(3);
  const x = tf.tensor2d(IDS, undefined, 'int32');
  const y = tf.tensor1d(LABELS);
  const { output, kl } = tf.tidy(() => {
    const f = model.forward(x, 77);
    return { output: Array.from(f.output.dataSync()), kl: f.kl.arraySync() };
  });
  const { value, grads } = tf.variableGrads(() => {
    const f = model.forward(x, 77);
    return tf.add(likelihood.nll(f.output, y), tf.mul(0.1, f.kl));
  }, model.trainableVariables);
  const named = Object.fromEntries(
    model
      .namedVariables()
      .map(({ name, variable }) => [name, Array.from((grads[variable.name] as tf.Tensor).dataSync())])
  );
  const samples = model.drawSamples(5, 3);
  const predictive = tf.tidy(() => Array.from(samples.apply(x).dataSync()));
  samples.dispose();
  tf.dispose([value, x, y, ...Object.values(grads)]);
  model.dispose();
  return { output, kl, grads: named, predictive };
}

describe('the Transformer on the wasm and cpu backends', () => {
  const results: Partial<Record<'wasm' | 'cpu', Result>> = {};

  beforeAll(async () => {
    for (const backend of ['wasm', 'cpu'] as const) {
      const info = await selectBackend({ env: { SBNN_BACKEND: backend } });
      expect(tf.getBackend()).toBe(info.name);
      results[backend] = run();
    }
  });

  it('agree on the forward output, the Monte Carlo KL and the stacked-draw outputs', () => {
    const [w, c] = [results.wasm, results.cpu];
    if (!w || !c) throw new Error('missing results');
    expectClose(w.output, c.output, 1e-4, 1e-5);
    expect(Math.abs(w.kl - c.kl)).toBeLessThan(1e-5 * Math.abs(c.kl) + 1e-3);
    expectClose(w.predictive, c.predictive, 1e-4, 1e-5);
  });

  it('agree on the gradient of every variable, the embedding factors included', () => {
    const [w, c] = [results.wasm, results.cpu];
    if (!w || !c) throw new Error('missing results');
    expect(Object.keys(w.grads)).toEqual(Object.keys(c.grads));
    for (const [name, g] of Object.entries(c.grads)) {
      try {
        expectClose(w.grads[name] ?? [], g, 1e-3, 1e-4);
      } catch (err) {
        throw new Error(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    // Row 4 of A_emb is used four times: its likelihood gradient is non-trivial on both backends.
    const row4 = (c.grads['embedding.a.mu'] ?? []).slice(4 * 3, 5 * 3);
    expect(Math.max(...row4.map(Math.abs))).toBeGreaterThan(1e-4);
  });

  it('leak no tensors on wasm: forward, gradients, stacked draws', async () => {
    await selectBackend({ env: { SBNN_BACKEND: 'wasm' } });
    const before = tf.memory().numTensors;
    run();
    expect(tf.memory().numTensors).toBe(before);
  });
});
