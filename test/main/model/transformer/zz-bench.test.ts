import * as tf from '@tensorflow/tfjs-core';
import { it } from 'vitest';
import { selectBackend } from '../../../../src-main/compute/backend';
import '../../../../src-main/model/register-gradients';
import { BayesianTransformerClassifier } from '../../../../src-main/model/transformer/bayesian-transformer';
import { BernoulliLikelihood } from '../../../../src-main/model/likelihoods/bernoulli';

it('bench', async () => {
  for (const backend of ['wasm'] as const) {
    await selectBackend({ env: { SBNN_BACKEND: backend } });
    const model = new BayesianTransformerClassifier({
      arch: 'transformer',
      vocabSize: 8000,
      maxLen: 128,
      dModel: 64,
      layers: 2,
      heads: 4,
      ff: 128,
      rank: 8,
      outputDim: 1,
      prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) },
      seed: 1
    });
    const lik = new BernoulliLikelihood();
    const B = 32,
      L = 128;
    const ids = new Int32Array(B * L);
    for (let i = 0; i < B; i++) {
      ids[i * L] = 2;
      for (let j = 1; j < L - (i % 20); j++) ids[i * L + j] = 3 + ((i * 131 + j * 17) % 7990);
    }
    const x = tf.tensor2d(ids, [B, L], 'int32');
    const y = tf.tensor1d(Array.from({ length: B }, (_, i) => i % 2));
    const opt = tf.train.adam(1e-3);
    const before = tf.memory().numTensors;
    for (let step = 0; step < 6; step++) {
      const t0 = performance.now();
      tf.tidy(() => {
        const { value, grads } = opt.computeGradients(() => {
          const f = model.forward(x, step);
          return tf.add(lik.nll(f.output, y), tf.mul(1e-4, f.kl));
        }, model.trainableVariables);
        opt.applyGradients(grads);
        value.dataSync();
      });
      console.log(backend, 'step ms', (performance.now() - t0).toFixed(1));
    }
    const prof = await tf.profile(() =>
      tf.tidy(() => {
        const { value, grads } = opt.computeGradients(() => {
          const f = model.forward(x, 9);
          return tf.add(lik.nll(f.output, y), tf.mul(1e-4, f.kl));
        }, model.trainableVariables);
        opt.applyGradients(grads);
        value.dataSync();
      })
    );
    const agg = new Map<string, number>();
    for (const k of prof.kernels) {
      const t = await k.kernelTimeMs;
      const key = k.name;
      agg.set(key, (agg.get(key) ?? 0) + (typeof t === 'number' ? t : 0));
    }
    console.log(
      [...agg.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 25)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join('\n')
    );
    const big = [];
    for (const k of prof.kernels) {
      const t = await k.kernelTimeMs;
      if (typeof t === 'number' && t > 8)
        big.push(`${k.name} ${t.toFixed(1)} ${JSON.stringify(k.inputShapes)}`);
    }
    console.log(big.join('\n'));
    const t1 = performance.now();
    const s = model.drawSamples(100, 3);
    const t2 = performance.now();
    const xs = tf.slice(x, [0, 0], [2, L]);
    const out = s.apply(xs);
    out.dataSync();
    const t3 = performance.now();
    console.log(
      backend,
      'draw100 ms',
      (t2 - t1).toFixed(1),
      'apply 2 rec x100',
      (t3 - t2).toFixed(1),
      out.shape
    );
    tf.dispose([out, xs]);
    s.dispose();
    console.log('leak', tf.memory().numTensors - before, 'params', model.paramCount);
    tf.dispose([x, y]);
    opt.dispose();
    model.dispose();
  }
}, 300000);
