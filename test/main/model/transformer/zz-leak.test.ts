import * as tf from '@tensorflow/tfjs-core';
import { it } from 'vitest';
import { selectBackend } from '../../../../src-main/compute/backend';
import { CategoricalLikelihood } from '../../../../src-main/model/likelihoods/categorical';
import { BayesianTransformerClassifier } from '../../../../src-main/model/transformer/bayesian-transformer';

it('leak', async () => {
  for (const b of ['cpu', 'wasm']) {
  await selectBackend({ env: { SBNN_BACKEND: b } });
  const model = new BayesianTransformerClassifier({ arch: 'transformer', vocabSize: 30, maxLen: 7, dModel: 8, layers: 2, heads: 2, ff: 12, rank: 3, outputDim: 3, prior: { kind: 'gaussian', sigma: 1 }, seed: 1 });
  const x = tf.tensor2d([[2, 4, 17, 4, 29, 0, 0]], undefined, 'int32');
  let n = tf.memory().numTensors;
  const step = (label: string) => { const m = tf.memory().numTensors; console.log(b, label, m - n); n = m; };
  tf.tidy(() => { model.forward(x, 3); }); step('forward');
  const { value, grads } = tf.variableGrads(() => { const f = model.forward(x, 3); return tf.add(new CategoricalLikelihood(3).nll(f.output, tf.tensor1d([1])), tf.mul(0.1, f.kl)); }, model.trainableVariables);
  tf.dispose([value, ...Object.values(grads)]); step('grads');
  const s = model.drawSamples(3, 1); tf.tidy(() => { s.apply(x); }); s.dispose(); step('samples');
  }
});
