import * as tf from '@tensorflow/tfjs-core';
import '../src-main/model/register-gradients';
import { selectBackend } from '../src-main/compute/backend';
import { BayesianLstmRegressor } from '../src-main/model/bayesian-lstm';
import { GaussianLikelihood } from '../src-main/model/likelihoods/gaussian';
import { trainStep } from '../src-main/model/training/train-step';

async function main(): Promise<void> {
  await selectBackend();
  const [W, F, H, B] = [14, 4, 64, 64];
  const model = new BayesianLstmRegressor({ arch: 'lstm', inputFeatures: F, window: W, hidden: H, layers: 2, rankIh: 14, rankHh: 20, prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) }, seed: 1 });
  const lik = new GaussianLikelihood();
  const opt = tf.train.adam(1e-3);
  const vars = [...model.trainableVariables, ...lik.variables];
  const x = tf.randomNormal([B, W, F], 0, 1, 'float32', 1);
  const y = tf.randomNormal([B], 0, 1, 'float32', 2) as tf.Tensor1D;
  for (let i = 0; i < 3; i++) trainStep(model, lik, opt, vars, { x, y }, 1 / 1400, i + 1);
  const mode = process.argv[2] ?? 'train';
  const s = mode === 'predict' ? model.drawSamples(100, 3) : null;
  const xs = tf.randomNormal([11, W, F]);
  const info = await tf.profile(() => {
    if (s) s.apply(xs).dispose();
    else trainStep(model, lik, opt, vars, { x, y }, 1 / 1400, 99);
  });
  const agg = new Map<string, { n: number; ms: number }>();
  for (const k of info.kernels) {
    const e = agg.get(k.name) ?? { n: 0, ms: 0 };
    e.n++; e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    agg.set(k.name, e);
  }
  console.log('kernels', info.kernels.length);
  const mm = info.kernels.filter((k) => k.name === 'BatchMatMul' || k.name === 'Sum').map((k) => [k.name, typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0, JSON.stringify(k.inputShapes)] as const);
  mm.sort((a, b) => b[1] - a[1]);
  console.log(mm.slice(0, 12).map((m) => `${m[0]} ${m[1].toFixed(2)} ${m[2]}`).join('\n'));
  console.log([...agg.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15).map(([k, v]) => `${k} n=${v.n} ${v.ms.toFixed(1)}ms`).join('\n'));
  const t = performance.now();
  for (let i = 0; i < 5; i++) { if (s) s.apply(xs).dispose(); else trainStep(model, lik, opt, vars, { x, y }, 1 / 1400, 100 + i); }
  console.log('wall ms', (performance.now() - t) / 5);
}
void main();
