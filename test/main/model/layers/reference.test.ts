import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LowRankDense } from '../../../../src-main/model/layers/low-rank-dense';
import { GaussianPrior } from '../../../../src-main/model/priors/gaussian-prior';
import type { Prior } from '../../../../src-main/model/priors/prior';
import { ScaleMixturePrior } from '../../../../src-main/model/priors/scale-mixture-prior';
import { expectClose, useCpu } from '../helpers';

/** Produced by test/fixtures/model/reference.py (PyTorch, float64, from float32 inputs). */
interface Reference {
  shape: { m: number; n: number; r: number; batch: number };
  prior: { pi: number; sigma1: number; sigma2: number; gaussianSigma: number };
  inputs: Record<
    'x' | 'muA' | 'rhoA' | 'epsA' | 'muB' | 'rhoB' | 'epsB' | 'muBias' | 'rhoBias' | 'epsBias' | 'c',
    number[]
  >;
  output: number[];
  klMixture: number;
  klGaussian: number;
  loss: number;
  grads: Record<'muA' | 'rhoA' | 'muB' | 'rhoB' | 'muBias' | 'rhoBias', number[]>;
}

const ref = JSON.parse(
  readFileSync(resolve(__dirname, '../../../fixtures/model/reference.json'), 'utf8')
) as Reference;
const { m, n, r, batch } = ref.shape;
const inp = ref.inputs;

beforeAll(useCpu);

function layerWith(prior: Prior): LowRankDense {
  const layer = new LowRankDense({ inputDim: m, outputDim: n, rank: r, prior, seed: 1 });
  tf.tidy(() => {
    layer.a.assign(tf.tensor2d(inp.muA, [m, r]), tf.tensor2d(inp.rhoA, [m, r]));
    layer.b.assign(tf.tensor2d(inp.muB, [n, r]), tf.tensor2d(inp.rhoB, [n, r]));
    layer.bias.assign(tf.tensor1d(inp.muBias), tf.tensor1d(inp.rhoBias));
  });
  return layer;
}

function forward(layer: LowRankDense): { y: tf.Tensor; kl: tf.Scalar } {
  const sample = layer.drawWithNoise({
    a: tf.tensor2d(inp.epsA, [m, r]),
    b: tf.tensor2d(inp.epsB, [n, r]),
    bias: tf.tensor1d(inp.epsBias)
  });
  return { y: layer.apply(tf.tensor2d(inp.x, [batch, m]), sample), kl: layer.kl(sample) };
}

describe('LowRankDense against the PyTorch reference', () => {
  const mixture = new ScaleMixturePrior(ref.prior.pi, ref.prior.sigma1, ref.prior.sigma2);

  it('output and Monte Carlo KL under the scale-mixture prior', () => {
    const layer = layerWith(mixture);
    tf.tidy(() => {
      const { y, kl } = forward(layer);
      expectClose(Array.from(y.dataSync()), ref.output, 1e-5, 1e-5);
      expect(kl.arraySync()).toBeCloseTo(ref.klMixture, 3);
    });
    layer.dispose();
  });

  it('Monte Carlo KL under a Gaussian prior', () => {
    const layer = layerWith(new GaussianPrior(ref.prior.gaussianSigma));
    tf.tidy(() => {
      expect(forward(layer).kl.arraySync()).toBeCloseTo(ref.klGaussian, 3);
    });
    layer.dispose();
  });

  it('gradients of sum(y * c) + KL in every mu and rho', () => {
    const layer = layerWith(mixture);
    const c = tf.tensor2d(inp.c, [batch, n]);
    const { value, grads } = tf.variableGrads(
      () =>
        tf.tidy(() => {
          const { y, kl } = forward(layer);
          return tf.add(tf.sum(tf.mul(y, c)), kl);
        }),
      layer.trainableVariables
    );
    expect(value.arraySync()).toBeCloseTo(ref.loss, 3);
    const byRole: Array<[tf.Variable, number[]]> = [
      [layer.a.mu, ref.grads.muA],
      [layer.a.rho, ref.grads.rhoA],
      [layer.b.mu, ref.grads.muB],
      [layer.b.rho, ref.grads.rhoB],
      [layer.bias.mu, ref.grads.muBias],
      [layer.bias.rho, ref.grads.rhoBias]
    ];
    for (const [variable, expected] of byRole) {
      expectClose(Array.from((grads[variable.name] as tf.Tensor).dataSync()), expected, 1e-3, 1e-3);
    }
    tf.dispose([value, c, ...Object.values(grads)]);
    layer.dispose();
  });
});
