import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeWeights } from '../../../../src-main/model/layers/dense-layer';
import type { FullRankDense } from '../../../../src-main/model/layers/full-rank-dense';
import { GaussianPrior } from '../../../../src-main/model/priors/gaussian-prior';
import { DenseEmbedding } from '../../../../src-main/model/transformer/dense-embedding';
import { batchTokens } from '../../../../src-main/model/transformer/low-rank-embedding';
import { expectClose, softplus, useCpu } from '../helpers';
import { splitDraws } from '../layers/split-draws';

beforeAll(useCpu);

const V = 7;
const D = 3;
const IDS = [2, 5, 5, 0, 2, 6];
const tokens = batchTokens(IDS, [2, 3], V);
const read = (t: tf.Tensor): number[] => Array.from(t.dataSync());

/** Row `id` of a row-major [V, D] table. */
const row = (table: number[], id: number): number[] => table.slice(id * D, (id + 1) * D);

describe("DenseEmbedding (the baselines' V x d token embedding)", () => {
  for (const method of ['bbb', 'rank1', 'deterministic'] as const) {
    it(`${method}: embeds each token as its row of E, for single and stacked draws`, () => {
      const embedding = new DenseEmbedding({
        method,
        vocabSize: V,
        dim: D,
        prior: new GaussianPrior(1),
        seed: 3
      });
      tf.tidy(() => {
        const mean = read(embedding.table.meanWeight());
        const out = embedding.embed(tokens, embedding.draw('mean'));
        expect(out.shape).toEqual([2, 3, D]);
        expectClose(
          read(out),
          IDS.flatMap((id) => row(mean, id)),
          1e-6,
          1e-7
        );
        const stacked = embedding.drawMany(3, 9);
        const all = embedding.embed(tokens, stacked);
        expect(all.shape).toEqual([3, 2, 3, D]);
        splitDraws(stacked, 3, method === 'rank1' ? ['w0', 'bias'] : []).forEach((draw, s) => {
          expectClose(read(tf.slice(all, [s], [1])), read(embedding.embed(tokens, draw)), 1e-6, 1e-7);
          disposeWeights(draw);
        });
      });
      expect(embedding.paramCount).toBe(
        { bbb: 2 * V * D, rank1: V * D + 2 * (V + D), deterministic: V * D }[method]
      );
      embedding.dispose();
    });
  }

  it('bbb: a seeded draw embeds rows of that sampled E, and its KL covers all of E', () => {
    const embedding = new DenseEmbedding({
      method: 'bbb',
      vocabSize: V,
      dim: D,
      prior: new GaussianPrior(1),
      seed: 3
    });
    tf.tidy(() => {
      const draw = embedding.draw(5);
      const w = 'w' in draw ? read(draw.w) : [];
      expect(w.length).toBe(V * D);
      expectClose(
        read(embedding.embed(tokens, draw)),
        IDS.flatMap((id) => row(w, id)),
        1e-6,
        1e-7
      );
      // log q - log p over all V x d entries of E (no bias), in float64.
      const table = embedding.table as FullRankDense;
      const mu = read(table.w.mu);
      const sigma = read(table.w.rho).map(softplus);
      const logQ = w.reduce((sum, v, k) => {
        const z = (v - (mu[k] ?? NaN)) / (sigma[k] ?? NaN);
        return sum - 0.5 * Math.log(2 * Math.PI) - Math.log(sigma[k] ?? NaN) - 0.5 * z * z;
      }, 0);
      const logP = w.reduce((sum, v) => sum - 0.5 * Math.log(2 * Math.PI) - 0.5 * v * v, 0);
      expectClose(read(embedding.kl(draw)), [logQ - logP], 1e-5);
    });
    embedding.dispose();
  });
});
