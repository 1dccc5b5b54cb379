import * as tf from '@tensorflow/tfjs-core';
import '../src-main/model/register-gradients';
import { selectBackend } from '../src-main/compute/backend';
import { buildMlp } from '../src-main/model/bayesian-mlp';
import { BernoulliLikelihood } from '../src-main/model/likelihoods/bernoulli';
import { trainModel } from '../src-main/model/trainer';
async function main(): Promise<void> {
  const b = await selectBackend({ env: { SBNN_BACKEND: process.argv[2] ?? 'wasm' } });
  const n = 4096, d = 44;
  const x = Float32Array.from({ length: n * d }, (_, i) => Math.sin(i * 0.37));
  const y = Float32Array.from({ length: n }, (_, i) => i % 2);
  for (let rep = 0; rep < 2; rep++) {
    const model = buildMlp({ inputDim: d, outputDim: 1, hidden: [128, 128], ranks: [15, 15, 15], prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) }, seed: 1 });
    const t = performance.now();
    await trainModel(model, new BernoulliLikelihood(), { xTrain: x, yTrain: y, nTrain: n, xVal: x.subarray(0, 1000*d), yVal: y.subarray(0, 1000), nVal: 1000, inputDim: d }, { epochs: 1, batchSize: 64, lr: 0.001, beta: 1, annealZeroEpochs: 0, annealRampEpochs: 1, patience: 10, seed: 1 });
    console.log(b.name, 'ms/step', (performance.now() - t) / 64, tf.memory().numTensors);
    model.dispose();
  }
}
void main();
