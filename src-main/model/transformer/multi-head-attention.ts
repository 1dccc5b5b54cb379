import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@shared/math/random';
import { LowRankDense } from '../layers/low-rank-dense';
import type { LowRankDenseWeights } from '../layers/low-rank-dense';
import type { Prior } from '../priors/prior';

/**
 * Added to the attention score of a padded key. (ours) A large finite value rather than -inf: after
 * the softmax's max subtraction, e^-1e9 is exactly 0 in float32, so padded keys get exactly zero
 * weight and zero gradient, while a row with no real key at all (never produced by the tokenizer,
 * which puts [CLS] first) degrades to uniform weights instead of NaN.
 */
export const PADDED_KEY_SCORE = -1e9;

/** The token id of [PAD]. */
export const PAD_ID = 0;

/**
 * The additive key mask of a batch: 0 for real tokens, PADDED_KEY_SCORE for [PAD], repeated for
 * `groups` stacked draws. ids [B, L] -> [groups B, 1, 1, L], broadcast over heads and queries.
 */
export function paddingKeyBias(ids: tf.Tensor, groups: number): tf.Tensor {
  return tf.tidy(() => {
    const [batch, length] = ids.shape as [number, number];
    const bias = tf.mul(tf.cast(tf.equal(ids, PAD_ID), 'float32'), PADDED_KEY_SCORE); // [B, L]
    const perGroup = tf.reshape(bias, [1, batch, 1, 1, length]);
    return tf.reshape(tf.tile(perGroup, [groups, 1, 1, 1, 1]), [groups * batch, 1, 1, length]);
  });
}

/**
 * Applies a LowRankDense to the last axis of x [...lead, B, L, m] (lead = [] for a single draw,
 * [S] for stacked draws) -> [...lead, B, L, n], with the rows flattened into one product per draw.
 */
export function applyToTokens(layer: LowRankDense, x: tf.Tensor, weights: LowRankDenseWeights): tf.Tensor {
  return tf.tidy(() => {
    const shape = x.shape;
    const lead = shape.slice(0, -3);
    const rows = tf.reshape(x, [...lead, -1, layer.inputDim]);
    return tf.reshape(layer.apply(rows, weights), [...shape.slice(0, -1), layer.outputDim]);
  });
}

export interface MultiHeadAttentionOptions {
  /** d: model width; a multiple of heads. */
  dim: number;
  heads: number;
  /** Rank of W_Q, W_K, W_V and the output projection. */
  rank: number;
  prior: Prior;
  seed: number;
}

/**
 * Multi-head self-attention with low-rank W_Q, W_K, W_V (d x d) and a low-rank output projection
 * (METHOD.md section 3): softmax(Q K^T / sqrt(d_h) + mask) V per head, heads batched as
 * [G B, heads, L, d_h] products (G stacked draws, 1 for a single draw).
 */
export class MultiHeadSelfAttention {
  readonly dim: number;
  readonly heads: number;
  readonly query: LowRankDense;
  readonly key: LowRankDense;
  readonly value: LowRankDense;
  readonly output: LowRankDense;

  constructor(options: MultiHeadAttentionOptions) {
    const { dim, heads, rank, prior } = options;
    if (!Number.isInteger(heads) || heads < 1 || dim % heads !== 0) {
      throw new Error(`Attention needs a model width (${dim}) that is a multiple of the heads (${heads}).`);
    }
    this.dim = dim;
    this.heads = heads;
    const rng = createRng(options.seed);
    const projection = (): LowRankDense =>
      new LowRankDense({ inputDim: dim, outputDim: dim, rank, prior, seed: rng.seed(), init: 'glorot' });
    this.query = projection();
    this.key = projection();
    this.value = projection();
    this.output = projection();
  }

  /** W_Q, W_K, W_V, W_O in the order `apply` takes their draws. */
  get denseLayers(): LowRankDense[] {
    return [this.query, this.key, this.value, this.output];
  }

  /**
   * x [...lead, B, L, d] (already normalized) -> [...lead, B, Lq, d]. Lq = L, or 1 when `firstOnly`:
   * then only position 0 ([CLS]) queries, which is all CLS pooling reads of the last block.
   * keyBias [G B, 1, 1, L] from paddingKeyBias. weights: draws of W_Q, W_K, W_V, W_O.
   */
  apply(x: tf.Tensor, keyBias: tf.Tensor, weights: LowRankDenseWeights[], firstOnly: boolean): tf.Tensor {
    return tf.tidy(() => {
      const [wq, wk, wv, wo] = weights;
      if (!wq || !wk || !wv || !wo) throw new Error('Attention needs draws of W_Q, W_K, W_V and W_O.');
      const shape = x.shape;
      const lead = shape.slice(0, -3);
      const [batch, length] = shape.slice(-3, -1) as [number, number];
      const queries = firstOnly ? 1 : length;
      const dh = this.dim / this.heads;
      const split = (t: tf.Tensor, len: number): tf.Tensor => tf.reshape(t, [-1, len, this.heads, dh]);
      const xq = firstOnly ? tf.slice(x, [...lead.map(() => 0), 0, 0, 0], [...lead, batch, 1, this.dim]) : x;
      // Scaling Q ([G B, h, Lq, d_h]) is cheaper than scaling the scores ([G B, h, Lq, L]).
      const q = tf.mul(
        tf.transpose(split(applyToTokens(this.query, xq, wq), queries), [0, 2, 1, 3]),
        1 / Math.sqrt(dh)
      );
      // K laid out as [G B, h, d_h, L] by the transpose itself, so Q K^T is a plain product.
      const kT = tf.transpose(split(applyToTokens(this.key, x, wk), length), [0, 2, 3, 1]);
      const v = tf.transpose(split(applyToTokens(this.value, x, wv), length), [0, 2, 1, 3]); // [G B, h, L, d_h]
      const attention = tf.softmax(tf.add(tf.matMul(q, kT), keyBias)); // [G B, h, Lq, L]
      const context = tf.transpose(tf.matMul(attention, v), [0, 2, 1, 3]); // [G B, Lq, h, d_h]
      const merged = tf.reshape(context, [...lead, batch, queries, this.dim]);
      return applyToTokens(this.output, merged, wo);
    });
  }

  get paramCount(): number {
    return this.denseLayers.reduce((sum, layer) => sum + layer.paramCount, 0);
  }

  dispose(): void {
    for (const layer of this.denseLayers) layer.dispose();
  }
}
