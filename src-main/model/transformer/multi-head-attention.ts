import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@shared/math/random';
import { createDense } from '../layers/create-dense';
import type { DenseLayer, DenseWeights, LayerMethod, LowRankWeights } from '../layers/dense-layer';
import { LowRankDense } from '../layers/low-rank-dense';
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
 * Applies a dense layer to the last axis of x [...lead, B, L, m] (lead = [] for a single draw,
 * [S] for stacked draws) -> [...lead, B, L, n], with the rows flattened into one product per draw.
 */
export function applyToTokens(layer: DenseLayer, x: tf.Tensor, weights: DenseWeights): tf.Tensor {
  return tf.tidy(() => {
    const shape = x.shape;
    const lead = shape.slice(0, -3);
    const rows = tf.reshape(x, [...lead, -1, layer.inputDim]);
    return tf.reshape(layer.apply(rows, weights), [...shape.slice(0, -1), layer.outputDim]);
  });
}

/** G stacked draws (1 for a single draw), B records, L keys, Lq queries per record. */
interface AttentionDims {
  groups: number;
  batch: number;
  length: number;
  queries: number;
}

export interface MultiHeadAttentionOptions {
  /** d: model width; a multiple of heads. */
  dim: number;
  heads: number;
  /** Rank of W_Q, W_K, W_V and the output projection (low-rank methods). */
  rank: number;
  prior: Prior;
  seed: number;
  /** How the weights are learned (METHOD.md section 5). Default 'sbnn'. */
  method?: LayerMethod;
}

/**
 * Multi-head self-attention with low-rank W_Q, W_K, W_V (d x d) and a low-rank output projection
 * (METHOD.md section 3), or those matrices of a baseline method (section 5): softmax(Q K^T / sqrt(d_h) + mask) V per head, heads batched as
 * [G B, heads, L, d_h] products (G stacked draws, 1 for a single draw).
 */
export class MultiHeadSelfAttention {
  readonly dim: number;
  readonly heads: number;
  readonly query: DenseLayer;
  readonly key: DenseLayer;
  readonly value: DenseLayer;
  readonly output: DenseLayer;

  constructor(options: MultiHeadAttentionOptions) {
    const { dim, heads, rank, prior } = options;
    if (!Number.isInteger(heads) || heads < 1 || dim % heads !== 0) {
      throw new Error(`Attention needs a model width (${dim}) that is a multiple of the heads (${heads}).`);
    }
    this.dim = dim;
    this.heads = heads;
    const rng = createRng(options.seed);
    const method = options.method ?? 'sbnn';
    const projection = (): DenseLayer =>
      createDense(method, { inputDim: dim, outputDim: dim, rank, prior, seed: rng.seed(), init: 'glorot' });
    this.query = projection();
    this.key = projection();
    this.value = projection();
    this.output = projection();
  }

  /** W_Q, W_K, W_V, W_O in the order `apply` takes their draws. */
  get denseLayers(): DenseLayer[] {
    return [this.query, this.key, this.value, this.output];
  }

  /**
   * x [...lead, B, L, d] (already normalized) -> [...lead, B, Lq, d]. Lq = L, or 1 when `firstOnly`:
   * then only position 0 ([CLS]) queries, which is all CLS pooling reads of the last block.
   * keyBias [G B, 1, 1, L] from paddingKeyBias, or null when no key is padded (saves an add over
   * the [G B, h, Lq, L] scores). weights: draws of W_Q, W_K, W_V, W_O.
   */
  apply(x: tf.Tensor, keyBias: tf.Tensor | null, weights: DenseWeights[], firstOnly: boolean): tf.Tensor {
    return tf.tidy(() => {
      const [wq, wk, wv, wo] = weights;
      if (!wq || !wk || !wv || !wo) throw new Error('Attention needs draws of W_Q, W_K, W_V and W_O.');
      const lead = x.shape.slice(0, -3);
      const [batch, length] = x.shape.slice(-3, -1) as [number, number];
      const queries = firstOnly ? 1 : length;
      const xq = firstOnly ? tf.slice(x, [...lead.map(() => 0), 0, 0, 0], [...lead, batch, 1, this.dim]) : x;
      const dims: AttentionDims = { groups: lead[0] ?? 1, batch, length, queries };
      // Only low-rank keys and values have factors; their draws are then LowRankWeights.
      const dh = this.dim / this.heads;
      const context =
        this.key instanceof LowRankDense &&
        this.value instanceof LowRankDense &&
        this.key.rank < dh &&
        this.value.rank < dh
          ? this.factoredContext(xq, x, keyBias, wq, wk as LowRankWeights, wv as LowRankWeights, dims)
          : this.headContext(xq, x, keyBias, wq, wk, wv, dims);
      return applyToTokens(this.output, tf.reshape(context, [...lead, batch, queries, this.dim]), wo);
    });
  }

  /**
   * Textbook multi-head attention: Q, K, V formed, then softmax(Q_h K_h^T / sqrt(d_h) + mask) V_h per
   * head as [G B, h, ., .] products. Returns the merged heads [G B Lq, d].
   */
  private headContext(
    xq: tf.Tensor,
    x: tf.Tensor,
    keyBias: tf.Tensor | null,
    wq: DenseWeights,
    wk: DenseWeights,
    wv: DenseWeights,
    { length, queries }: AttentionDims
  ): tf.Tensor {
    const dh = this.dim / this.heads;
    const split = (t: tf.Tensor, len: number): tf.Tensor => tf.reshape(t, [-1, len, this.heads, dh]);
    // Scaling Q ([G B, h, Lq, d_h]) is cheaper than scaling the scores ([G B, h, Lq, L]).
    const q = tf.mul(
      tf.transpose(split(applyToTokens(this.query, xq, wq), queries), [0, 2, 1, 3]),
      1 / Math.sqrt(dh)
    );
    // K laid out as [G B, h, d_h, L] by the transpose itself, so Q K^T is a plain product.
    const kT = tf.transpose(split(applyToTokens(this.key, x, wk), length), [0, 2, 3, 1]);
    const v = tf.transpose(split(applyToTokens(this.value, x, wv), length), [0, 2, 1, 3]); // [G B, h, L, d_h]
    const scores = tf.matMul(q, kT); // [G B, h, Lq, L]
    const attention = tf.softmax(keyBias ? tf.add(scores, keyBias) : scores);
    return tf.reshape(tf.transpose(tf.matMul(attention, v), [0, 2, 1, 3]), [-1, this.dim]);
  }

  /**
   * The same attention computed through the factors when r < d_h (METHOD.md section 1: never form
   * more than the rank needs). With U_K = x A_K, U_V = x A_V ([G B, L, r], shared by all heads) and
   * B_K,h, B_V,h the head's d_h rows of B_K, B_V:
   *   Q_h K_h^T = (Q_h B_K,h) U_K^T + (Q_h b_K,h) 1^T, and the second term is constant along each
   *   softmax row, so the attention weights P_h are softmax((Q_h B_K,h) U_K^T / sqrt(d_h) + mask);
   *   P_h V_h = (P_h U_V) B_V,h^T + b_V,h, since every row of P_h sums to 1.
   * The two [L x L]-sized products then have inner / outer size r instead of d_h, and all heads
   * share one product per record ([G B, h Lq, r] x [G B, r, L]). Returns the merged heads [G B Lq, d].
   */
  private factoredContext(
    xq: tf.Tensor,
    x: tf.Tensor,
    keyBias: tf.Tensor | null,
    wq: DenseWeights,
    wk: LowRankWeights,
    wv: LowRankWeights,
    { groups: g, batch, length, queries }: AttentionDims
  ): tf.Tensor {
    const h = this.heads;
    const dh = this.dim / h;
    const rk = this.key.rank;
    const rv = this.value.rank;
    const perDraw = (t: tf.Tensor): tf.Tensor => (t.rank === 2 ? tf.expandDims(t, 0) : t); // [G, ., .]
    const rows = tf.reshape(x, [g, batch * length, this.dim]);
    const uK = tf.reshape(tf.matMul(rows, perDraw(wk.a)), [g * batch, length, rk]);
    const uV = tf.reshape(tf.matMul(rows, perDraw(wv.a)), [g * batch, length, rv]);
    // Q_h B_K,h for every head at once: [G, h, B Lq, d_h] x [G, h, d_h, r] -> [G, h, B Lq, r].
    const q = tf.transpose(
      tf.reshape(applyToTokens(this.query, xq, wq), [g, batch * queries, h, dh]),
      [0, 2, 1, 3]
    );
    const bK = tf.reshape(perDraw(wk.b), [g, h, dh, rk]);
    const qK = tf.mul(tf.matMul(q, bK), 1 / Math.sqrt(dh));
    const byRecord = (t: tf.Tensor, r: number): tf.Tensor =>
      tf.reshape(tf.transpose(tf.reshape(t, [g, h, batch, queries, r]), [0, 2, 1, 3, 4]), [
        g * batch,
        h * queries,
        r
      ]);
    const scores = tf.matMul(byRecord(qK, rk), tf.transpose(uK, [0, 2, 1])); // [G B, h Lq, L]
    const perHead = tf.reshape(scores, [g * batch, h, queries, length]);
    const attention = tf.softmax(keyBias ? tf.add(perHead, keyBias) : perHead);
    const pU = tf.matMul(tf.reshape(attention, [g * batch, h * queries, length]), uV); // [G B, h Lq, r]
    const byHead = tf.reshape(tf.transpose(tf.reshape(pU, [g, batch, h, queries, rv]), [0, 2, 1, 3, 4]), [
      g,
      h,
      batch * queries,
      rv
    ]);
    const bVt = tf.transpose(tf.reshape(perDraw(wv.b), [g, h, dh, rv]), [0, 1, 3, 2]); // [G, h, r, d_h]
    const context = tf.reshape(tf.transpose(tf.matMul(byHead, bVt), [0, 2, 1, 3]), [
      g,
      batch * queries,
      this.dim
    ]);
    const bias = wv.bias.rank === 2 ? tf.expandDims(wv.bias, 1) : wv.bias; // [G, 1, d] or [d]
    return tf.reshape(tf.add(context, bias), [-1, this.dim]);
  }

  get paramCount(): number {
    return this.denseLayers.reduce((sum, layer) => sum + layer.paramCount, 0);
  }

  dispose(): void {
    for (const layer of this.denseLayers) layer.dispose();
  }
}
