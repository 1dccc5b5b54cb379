import * as tf from '@tensorflow/tfjs-core';
import '../src-main/model/register-gradients';
import { selectBackend } from '../src-main/compute/backend';
import { buildMlp } from '../src-main/model/bayesian-mlp';
import { BernoulliLikelihood } from '../src-main/model/likelihoods/bernoulli';
async function main(): Promise<void> {
  await selectBackend({ env: { SBNN_BACKEND: process.argv[2] ?? 'wasm' } });
  const d = 44;
  const model = buildMlp({ inputDim: d, outputDim: 1, hidden: [128, 128], ranks: [15, 15, 15], prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) }, seed: 1 });
  const lik = new BernoulliLikelihood();
  const x = tf.randomNormal([64, d]) as tf.Tensor2D; const y = tf.ones([64]);
  const opt = tf.train.adam(0.001);
  const step = (s: number) => { const v = opt.minimize(() => { const f = model.forward(x, s); return tf.add(lik.nll(f.output, y), tf.mul(1e-4, f.kl)); }, true, model.trainableVariables); v?.dataSync(); v?.dispose(); };
  for (let i = 0; i < 5; i++) step(i);
  const prof = await tf.profile(() => { step(99); });
  const by = new Map<string, { n: number; ms: number }>();
  for (const k of prof.kernels) { const e = by.get(k.name) ?? { n: 0, ms: 0 }; e.n++; e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0; by.set(k.name, e); }
  console.log('kernels', prof.kernels.length);
  console.log([...by.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15).map(([k, v]) => `${k} n=${v.n} ms=${v.ms.toFixed(2)}`).join('\n'));
  let t = performance.now(); for (let i = 0; i < 20; i++) step(i); console.log('ms/step', (performance.now() - t) / 20);
  const f = () => tf.tidy(() => { const s = model.layers[1]!.draw(3); model.layers[1]!.kl(s).dataSync(); });
  t = performance.now(); for (let i = 0; i < 50; i++) f(); console.log('draw+kl layer1 ms', (performance.now() - t) / 50);
  const g = () => tf.tidy(() => { tf.randomNormal([128, 15], 0, 1, 'float32', 5).dataSync(); });
  t = performance.now(); for (let i = 0; i < 200; i++) g(); console.log('randomNormal 128x15 ms', (performance.now() - t) / 200);
}
void main();
