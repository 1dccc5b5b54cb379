import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LowRankEmbedding, batchTokens } from '../../../../src-main/model/transformer/low-rank-embedding';
import { GaussianPrior } from '../../../../src-main/model/priors/gaussian-prior';
import { expectClose, softplus, useCpu } from '../helpers';

beforeAll(useCpu);

const V = 9;
const D = 4;
const R = 2;
/** Ids 1, 4, 6 only: rows 0, 2, 3, 5, 7, 8 are absent from the batch. */
const IDS = [6, 1, 6, 4, 1, 1];
const ABSENT = [0, 2, 3, 5, 7, 8];
const epsA = Array.from({ length: V * R }, (_, i) => Math.cos(1.7 * i));
const epsB = Array.from({ length: D * R }, (_, i) => Math.sin(0.9 * i + 0.3));

function embedding(): LowRankEmbedding {
  return new LowRankEmbedding({ vocabSize: V, dim: D, rank: R, prior: new GaussianPrior(0.8), seed: 3 });
}

function embedWith(layer: LowRankEmbedding, noiseA: number[]): number[] {
  return tf.tidy(() => {
    const draw = layer.drawWithNoise(tf.tensor2d(noiseA, [V, R]), tf.tensor2d(epsB, [D, R]));
    return Array.from(layer.embed(batchTokens(IDS, [2, 3], V), draw).dataSync());
  });
}

describe('batchTokens', () => {
  it('lists the distinct ids in ascending order and maps every token to its row', () => {
    const tokens = batchTokens(IDS, [2, 3], V);
    expect(Array.from(tokens.unique)).toEqual([1, 4, 6]);
    expect(Array.from(tokens.positions)).toEqual([2, 0, 2, 1, 0, 0]);
  });

  it('rejects ids outside the vocabulary', () => {
    expect(() => batchTokens([1, 9], [1, 2], V)).toThrow(/outside the vocabulary/);
    expect(() => batchTokens([1, -1], [1, 2], V)).toThrow(/outside the vocabulary/);
  });
});

describe('LowRankEmbedding', () => {
  it('embeds token t as (mu_A[t] + sigma_A[t] eps_A[t]) (mu_B + sigma_B eps_B)^T', () => {
    const layer = embedding();
    const [muA, rhoA, muB, rhoB] = [layer.a.mu, layer.a.rho, layer.b.mu, layer.b.rho].map((v) =>
      Array.from(v.dataSync())
    ) as [number[], number[], number[], number[]];
    const a = muA.map((m, i) => m + softplus(rhoA[i] ?? 0) * (epsA[i] ?? 0));
    const b = muB.map((m, i) => m + softplus(rhoB[i] ?? 0) * (epsB[i] ?? 0));
    const expected = IDS.flatMap((t) =>
      Array.from({ length: D }, (_, j) =>
        Array.from({ length: R }, (_, k) => (a[t * R + k] ?? 0) * (b[j * R + k] ?? 0)).reduce(
          (s, x) => s + x,
          0
        )
      )
    );
    expectClose(embedWith(layer, epsA), expected, 1e-5, 1e-6);
    layer.dispose();
  });

  it('samples only the rows of the ids present in the batch', () => {
    const layer = embedding();
    tf.tidy(() => {
      const rows = layer.sampleRows(batchTokens(IDS, [2, 3], V).unique, layer.draw(7));
      expect(rows.shape).toEqual([3, R]);
    });
    // The noise of an absent row never reaches the embedding: replacing it changes nothing, while
    // replacing the noise of a present row does.
    const absentChanged = epsA.map((e, i) => (ABSENT.includes(Math.floor(i / R)) ? e + 10 : e));
    const presentChanged = epsA.map((e, i) => (Math.floor(i / R) === 4 ? e + 10 : e));
    const base = embedWith(layer, epsA);
    expect(embedWith(layer, absentChanged)).toEqual(base);
    expect(embedWith(layer, presentChanged)).not.toEqual(base);
    layer.dispose();
  });

  it('gives absent rows no likelihood gradient', () => {
    const layer = embedding();
    const grads = tf.tidy(() => {
      const { grads: g } = tf.variableGrads(() => {
        const draw = layer.drawWithNoise(tf.tensor2d(epsA, [V, R]), tf.tensor2d(epsB, [D, R]));
        return tf.sum(tf.square(layer.embed(batchTokens(IDS, [2, 3], V), draw)));
      }, layer.trainableVariables);
      return Array.from((g[layer.a.mu.name] as tf.Tensor).dataSync());
    });
    for (let row = 0; row < V; row++) {
      const norm = Math.hypot(...grads.slice(row * R, (row + 1) * R));
      if (ABSENT.includes(row)) expect(norm).toBe(0);
      else expect(norm).toBeGreaterThan(0);
    }
    layer.dispose();
  });

  it('KL covers the whole factor: log q - log p over every row of A and all of B (METHOD.md section 2)', () => {
    const layer = embedding();
    const sigma = 0.8;
    const logN = (x: number, mu: number, s: number): number =>
      -0.5 * Math.log(2 * Math.PI) - Math.log(s) - (x - mu) ** 2 / (2 * s * s);
    const expected = (
      [
        [layer.a, epsA],
        [layer.b, epsB]
      ] as const
    ).reduce((sum, [posterior, eps]) => {
      const mu = Array.from(posterior.mu.dataSync());
      const rho = Array.from(posterior.rho.dataSync());
      return (
        sum +
        mu.reduce((s, m, i) => {
          const sd = softplus(rho[i] ?? 0);
          const w = m + sd * (eps[i] ?? 0);
          return s + logN(w, m, sd) - logN(w, 0, sigma);
        }, 0)
      );
    }, 0);
    const kl = tf.tidy(() =>
      layer.kl(layer.drawWithNoise(tf.tensor2d(epsA, [V, R]), tf.tensor2d(epsB, [D, R]))).arraySync()
    );
    expect(kl).toBeCloseTo(expected, 3);
    layer.dispose();
  });

  it('a draw depends on its seed only, not on the batch: shared tokens embed identically', () => {
    const layer = embedding();
    tf.tidy(() => {
      const draw = layer.draw(11);
      const alone = layer.embed(batchTokens([4], [1, 1], V), draw).dataSync();
      const inBatch = layer.embed(batchTokens(IDS, [2, 3], V), draw).dataSync();
      expect(Array.from(inBatch.slice(3 * D, 4 * D))).toEqual(Array.from(alone));
    });
    layer.dispose();
  });

  it('counts every mu and rho: 2 r (V + d)', () => {
    const layer = embedding();
    expect(layer.paramCount).toBe(2 * 2 * (9 + 4));
    layer.dispose();
  });
});
