import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LowRankDense, LowRankDenseWeights } from '../../../../src-main/model/layers/low-rank-dense';
import { GaussianPrior } from '../../../../src-main/model/priors/gaussian-prior';
import {
  MultiHeadSelfAttention,
  paddingKeyBias
} from '../../../../src-main/model/transformer/multi-head-attention';
import { expectClose, useCpu } from '../helpers';

beforeAll(useCpu);

const IDS = [
  [2, 5, 7, 0, 0],
  [2, 9, 4, 1, 6]
];
const [B, L, D, HEADS] = [2, 5, 8, 2];

/**
 * Textbook attention on plain arrays, one record and head at a time: Q, K, V = x W + b with
 * W = A B^T, weights softmax over the real keys only of Q_h K_h^T / sqrt(d_h), then the output projection.
 */
function textbook(x: number[], ids: number[][], w: LowRankDenseWeights[]): number[] {
  const dense = (input: number[], rows: number, p: LowRankDenseWeights): number[] =>
    tf.tidy(() =>
      Array.from(
        tf.add(tf.matMul(tf.tensor2d(input, [rows, D]), tf.matMul(p.a, p.b, false, true)), p.bias).dataSync()
      )
    );
  const [wq, wk, wv, wo] = w as [
    LowRankDenseWeights,
    LowRankDenseWeights,
    LowRankDenseWeights,
    LowRankDenseWeights
  ];
  const q = dense(x, B * L, wq);
  const k = dense(x, B * L, wk);
  const v = dense(x, B * L, wv);
  const dh = D / HEADS;
  const context = new Array<number>(B * L * D).fill(0);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < HEADS; h++) {
      for (let i = 0; i < L; i++) {
        const scores = Array.from({ length: L }, (_, j) => {
          if (ids[b]?.[j] === 0) return -Infinity;
          let s = 0;
          for (let c = 0; c < dh; c++)
            s += (q[(b * L + i) * D + h * dh + c] ?? 0) * (k[(b * L + j) * D + h * dh + c] ?? 0);
          return s / Math.sqrt(dh);
        });
        const max = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - max));
        const total = e.reduce((a, c) => a + c, 0);
        for (let j = 0; j < L; j++) {
          for (let c = 0; c < dh; c++) {
            const at = (b * L + i) * D + h * dh + c;
            context[at] = (context[at] ?? 0) + ((e[j] ?? 0) / total) * (v[(b * L + j) * D + h * dh + c] ?? 0);
          }
        }
      }
    }
  }
  return dense(context, B * L, wo);
}

/** Draw s of stacked weights as a single draw. */
function slice(w: LowRankDenseWeights, s: number): LowRankDenseWeights {
  const one = (t: tf.Tensor): tf.Tensor =>
    tf.squeeze(tf.slice(t, [s, ...t.shape.slice(1).map(() => 0)], [1, ...t.shape.slice(1)]), [0]);
  return { a: one(w.a), b: one(w.b), bias: one(w.bias) };
}

describe('MultiHeadSelfAttention', () => {
  // rank 3 < d_h = 4 takes the factored path; rank 4 the per-head path.
  for (const rank of [3, 4]) {
    it(`rank ${rank}: matches textbook masked attention`, () => {
      const attention = new MultiHeadSelfAttention({
        dim: D,
        heads: HEADS,
        rank,
        prior: new GaussianPrior(1),
        seed: 6
      });
      tf.tidy(() => {
        const x = tf.randomNormal([B, L, D], 0, 1, 'float32', 3);
        const weights = (attention.denseLayers as LowRankDense[]).map((layer, i) => layer.draw(40 + i));
        const ids = tf.tensor2d(IDS, undefined, 'int32');
        const out = attention.apply(x, paddingKeyBias(ids, 1), weights, false);
        expect(out.shape).toEqual([B, L, D]);
        expectClose(Array.from(out.dataSync()), textbook(Array.from(x.dataSync()), IDS, weights), 1e-4, 1e-5);
      });
      attention.dispose();
    });

    it(`rank ${rank}: stacked draws give, draw by draw, the single-draw outputs`, () => {
      const attention = new MultiHeadSelfAttention({
        dim: D,
        heads: HEADS,
        rank,
        prior: new GaussianPrior(1),
        seed: 6
      });
      tf.tidy(() => {
        const S = 3;
        const stacked = (attention.denseLayers as LowRankDense[]).map((layer, i) =>
          layer.drawMany(S, 50 + i)
        );
        const x = tf.randomNormal([S, B, L, D], 0, 1, 'float32', 4);
        const ids = tf.tensor2d(IDS, undefined, 'int32');
        for (const firstOnly of [false, true]) {
          const all = attention.apply(x, paddingKeyBias(ids, S), stacked, firstOnly);
          const queries = firstOnly ? 1 : L;
          expect(all.shape).toEqual([S, B, queries, D]);
          for (let s = 0; s < S; s++) {
            const xs = tf.squeeze(tf.slice(x, [s, 0, 0, 0], [1, B, L, D]), [0]);
            const one = attention.apply(
              xs,
              paddingKeyBias(ids, 1),
              stacked.map((w) => slice(w, s)),
              firstOnly
            );
            const fromAll = tf.slice(all, [s, 0, 0, 0], [1, B, queries, D]);
            expectClose(Array.from(fromAll.dataSync()), Array.from(one.dataSync()), 1e-4, 1e-5);
          }
        }
      });
      attention.dispose();
    });
  }
});
