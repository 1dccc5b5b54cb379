import * as tf from '@tensorflow/tfjs-core';
import '../src-main/model/register-gradients';
import { selectBackend } from '../src-main/compute/backend';
import { BayesianLstmRegressor } from '../src-main/model/bayesian-lstm';
import { GaussianLikelihood } from '../src-main/model/likelihoods/gaussian';
import { trainStep } from '../src-main/model/training/train-step';

async function main(): Promise<void> {
  const backend = await selectBackend();
  console.log(backend.label);
  const [W, F, H, B] = [14, 4, 64, 64];
  const model = new BayesianLstmRegressor({ arch: 'lstm', inputFeatures: F, window: W, hidden: H, layers: 2, rankIh: 14, rankHh: 20, prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) }, seed: 1 });
  const lik = new GaussianLikelihood();
  const opt = tf.train.adam(1e-3);
  const vars = [...model.trainableVariables, ...lik.variables];
  const x = tf.randomNormal([B, W, F], 0, 1, 'float32', 1);
  const y = tf.randomNormal([B], 0, 1, 'float32', 2) as tf.Tensor1D;
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const t = performance.now();
    trainStep(model, lik, opt, vars, { x, y }, 1 / 1400, i + 1);
    times.push(performance.now() - t);
  }
  console.log('step ms', times.slice(5).sort((a, b) => a - b)[10]);
  const t = performance.now();
  const s = model.drawSamples(100, 3);
  s.apply(tf.randomNormal([300, W, F])).dispose();
  s.dispose();
  console.log('predict 300 windows S=100 ms', performance.now() - t);
}
void main();
