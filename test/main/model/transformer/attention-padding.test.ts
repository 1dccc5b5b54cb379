import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BayesianTransformerClassifier } from '../../../../src-main/model/transformer/bayesian-transformer';
import { EncoderBlock } from '../../../../src-main/model/transformer/encoder-block';
import type { LowRankEmbedding } from '../../../../src-main/model/transformer/low-rank-embedding';
import {
  PADDED_KEY_SCORE,
  paddingKeyBias
} from '../../../../src-main/model/transformer/multi-head-attention';
import { GaussianPrior } from '../../../../src-main/model/priors/gaussian-prior';
import { useCpu } from '../helpers';

beforeAll(useCpu);

const spec = {
  arch: 'transformer',
  vocabSize: 20,
  maxLen: 8,
  dModel: 8,
  layers: 2,
  heads: 2,
  ff: 16,
  rank: 3,
  outputDim: 3,
  prior: { kind: 'gaussian', sigma: 1 },
  seed: 4
} as const;
/** Record 0 has three pads, record 1 none, record 2 five. */
const IDS = [
  [2, 5, 7, 3, 11, 0, 0, 0],
  [2, 9, 4, 1, 6, 10, 12, 19],
  [2, 8, 13, 0, 0, 0, 0, 0]
];

function logits(model: BayesianTransformerClassifier, ids: number[][], draw: number): number[] {
  return tf.tidy(() =>
    Array.from(model.forward(tf.tensor2d(ids, undefined, 'int32'), draw).output.dataSync())
  );
}

function expectAllClose(a: number[], b: number[], tol: number): void {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => expect(Math.abs(x - (b[i] ?? NaN))).toBeLessThanOrEqual(tol));
}

describe('the padding mask', () => {
  it('gives padded keys the additive score PADDED_KEY_SCORE, real ones 0', () => {
    tf.tidy(() => {
      const bias = paddingKeyBias(tf.tensor2d([[2, 4, 0]], undefined, 'int32'), 2);
      expect(bias.shape).toEqual([2, 1, 1, 3]);
      expect(Array.from(bias.dataSync(), (x) => x + 0)).toEqual([
        0,
        0,
        PADDED_KEY_SCORE,
        0,
        0,
        PADDED_KEY_SCORE
      ]);
    });
  });

  it('makes real positions of a block blind to whatever sits at padded positions', () => {
    const block = new EncoderBlock({
      dim: 8,
      heads: 2,
      ff: 16,
      rank: 3,
      activation: 'gelu',
      prior: new GaussianPrior(1),
      seed: 9
    });
    tf.tidy(() => {
      const ids = tf.tensor2d(IDS, undefined, 'int32');
      const bias = paddingKeyBias(ids, 1);
      const weights = block.denseLayers.map((layer, i) => layer.draw(100 + i));
      const h = tf.randomNormal([3, 8, 8], 0, 1, 'float32', 1);
      const isPad = tf.expandDims(tf.cast(tf.equal(ids, 0), 'float32'), -1); // [B, L, 1]
      const garbage = tf.add(h, tf.mul(isPad, tf.randomNormal([3, 8, 8], 0, 50, 'float32', 2)));
      const base = block.apply(h, bias, weights, false);
      const changed = block.apply(garbage, bias, weights, false);
      const keep = tf.sub(1, isPad);
      const realBase = Array.from(tf.mul(base, keep).dataSync());
      expectAllClose(Array.from(tf.mul(changed, keep).dataSync()), realBase, 1e-5);
      // Control: without the mask the same change does reach the real positions.
      const unmasked = tf.zerosLike(bias);
      const leak = tf.mul(
        tf.sub(block.apply(garbage, unmasked, weights, false), block.apply(h, unmasked, weights, false)),
        keep
      );
      expect(tf.max(tf.abs(leak)).arraySync()).toBeGreaterThan(1e-2);
      // The CLS-only path of the last block equals position 0 of the full block.
      const first = block.apply(h, bias, weights, true);
      expect(first.shape).toEqual([3, 1, 8]);
      expectAllClose(
        Array.from(first.dataSync()),
        Array.from(tf.slice(base, [0, 0, 0], [3, 1, 8]).dataSync()),
        1e-5
      );
    });
    block.dispose();
  });

  it('leaves the CLS output unchanged by the [PAD] embedding, the padded positions and extra padding', () => {
    const model = new BayesianTransformerClassifier(spec);
    const base = logits(model, IDS, 31);
    // A different [PAD] row of A_emb and different positional embeddings beyond every real token.
    tf.tidy(() => {
      const embedding = model.embedding as LowRankEmbedding;
      embedding.a.mu.assign(tf.concat([tf.fill([1, 3], 7), tf.slice(embedding.a.mu, [1, 0], [-1, -1])]));
    });
    expectAllClose(logits(model, IDS, 31), base, 1e-5);
    // Each record gives the same logits alone, with its padding cut to the batch's longest record.
    IDS.forEach((row, i) => {
      const used = Math.max(1, row.findLastIndex((t) => t !== 0) + 1);
      expectAllClose(logits(model, [row.slice(0, used)], 31), base.slice(i * 3, i * 3 + 3), 1e-5);
    });
    // Control: changing a real token changes that record's logits.
    const edited = IDS.map((row) => [...row]);
    (edited[0] as number[])[1] = 6;
    expect(logits(model, edited, 31).slice(0, 3)).not.toEqual(base.slice(0, 3));
    model.dispose();
  });
});
