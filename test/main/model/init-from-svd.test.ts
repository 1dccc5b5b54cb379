import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Arch } from '@shared/domain/config';
import { buildMlp } from '../../../src-main/model/bayesian-mlp';
import type { BayesianModel } from '../../../src-main/model/bayesian-model';
import { initFromSvd } from '../../../src-main/model/init-from-svd';
import type { LowRankDense } from '../../../src-main/model/layers/low-rank-dense';
import type { PointDense } from '../../../src-main/model/layers/point-dense';
import { buildTiny } from './baselines/fixtures';
import reference from './fixtures/svd-init.json';
import { expectClose, singularValues, useCpu } from './helpers';

beforeAll(useCpu);

const prior = { kind: 'gaussian', sigma: 1 } as const;
const read = (t: tf.Tensor): number[] => Array.from(t.dataSync());

/** The matrices of fixtures/svd-init.py: f(offset + 0.7 i^2 + 1.3 j^2 + 0.4 i j). */
function matrix(rows: number, cols: number, f: (v: number) => number, offset: number): number[] {
  return Array.from({ length: rows * cols }, (_, k) => {
    const [i, j] = [Math.floor(k / cols), k % cols];
    return f(offset + 0.7 * i * i + 1.3 * j * j + 0.4 * i * j);
  });
}

function frobenius(a: number[], b: number[]): number {
  return Math.sqrt(a.reduce((sum, v, k) => sum + (v - (b[k] ?? NaN)) ** 2, 0));
}

describe('initFromSvd (METHOD.md section 5, LR-SVD)', () => {
  it('sets mu_A mu_B^T to the best rank-r approximation (numpy reference), copies biases, keeps rho', () => {
    const spec = { inputDim: 5, outputDim: 3, hidden: [4], ranks: [2, 1], prior, seed: 2 };
    const pretrained = buildMlp({ ...spec, method: 'deterministic' });
    const target = buildMlp({ ...spec, method: 'lr-svd' });
    const weights = [matrix(5, 4, Math.sin, 1), matrix(4, 3, Math.cos, 0.5)];
    const point = pretrained.layers as PointDense[];
    tf.tidy(() => {
      point.forEach((layer, i) => {
        layer.w.assign(tf.tensor2d(weights[i] ?? [], [layer.inputDim, layer.outputDim]));
        layer.bias?.assign(tf.linspace(-1, 1, layer.outputDim));
      });
    });
    const layers = target.layers as LowRankDense[];
    const rhoBefore = layers.map((l) => [read(l.a.rho), read(l.b.rho), read(l.bias.rho)]);
    initFromSvd(target, pretrained);
    const cases = [reference.layer0, reference.layer1];
    layers.forEach((layer, i) => {
      const ref = cases[i];
      if (!ref) throw new Error('missing reference');
      expect(layer.rank).toBe(ref.rank);
      const mean = read(tf.tidy(() => layer.meanWeight()));
      expectClose(mean, ref.best, 1e-5, 1e-5);
      expect(frobenius(mean, weights[i] ?? [])).toBeCloseTo(ref.error, 5);
      // mu_A = U_r S_r^(1/2) and mu_B = V_r S_r^(1/2) have the same column norms sqrt(s_k).
      const colNorms = (t: tf.Tensor): number[] => read(tf.tidy(() => tf.norm(t, 'euclidean', 0)));
      expectClose(colNorms(layer.a.mu), colNorms(layer.b.mu), 1e-5);
      expectClose(read(layer.bias.mu), read(point[i]?.bias ?? tf.zeros([1])), 1e-7);
      expect([read(layer.a.rho), read(layer.b.rho), read(layer.bias.rho)]).toEqual(rhoBefore[i]);
    });
    target.dispose();
    pretrained.dispose();
  });

  for (const arch of ['lstm', 'transformer'] as Arch[]) {
    it(`${arch}: every low-rank matrix starts at the truncated SVD, deterministic parameters copied`, () => {
      const pretrained: BayesianModel = buildTiny(arch, 'deterministic', 8);
      const target: BayesianModel = buildTiny(arch, 'lr-svd', 9);
      initFromSvd(target, pretrained);
      const source = new Map(pretrained.weightMatrices().map((w) => [w.name, w]));
      for (const matrixOf of target.weightMatrices()) {
        const w = read(tf.tidy(() => source.get(matrixOf.name)?.meanWeight() ?? tf.zeros([0])));
        const approx = read(tf.tidy(() => matrixOf.meanWeight()));
        // Eckart-Young-Mirsky with singular values from the test's own Jacobi SVD.
        const s = singularValues(w, matrixOf.rows, matrixOf.cols);
        const tail = Math.sqrt(s.slice(matrixOf.rank).reduce((sum, v) => sum + v * v, 0));
        expect(frobenius(approx, w)).toBeCloseTo(tail, 4);
      }
      const points = new Map(pretrained.namedVariables().map(({ name, variable }) => [name, variable]));
      for (const { name, variable } of target.namedVariables()) {
        const from = name.endsWith('.bias.mu') ? name.slice(0, -3) : name;
        const copied = name.endsWith('.bias.mu') || !(name.endsWith('.mu') || name.endsWith('.rho'));
        if (copied) expect(read(variable)).toEqual(read(points.get(from) ?? tf.zeros([0])));
      }
      target.dispose();
      pretrained.dispose();
    });
  }

  it('refuses a target that is not low-rank and a source that is not deterministic', () => {
    const [bbb, sbnn, deterministic] = (['bbb', 'sbnn', 'deterministic'] as const).map((m) =>
      buildTiny('mlp', m)
    );
    if (!bbb || !sbnn || !deterministic) throw new Error('missing model');
    expect(() => initFromSvd(bbb, deterministic)).toThrow(/low-rank/);
    expect(() => initFromSvd(sbnn, bbb)).toThrow(/deterministic/);
    for (const m of [bbb, sbnn, deterministic]) m.dispose();
  });
});
