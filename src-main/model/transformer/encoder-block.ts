import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@shared/math/random';
import { createDense } from '../layers/create-dense';
import type { DenseLayer, DenseWeights, LayerMethod } from '../layers/dense-layer';
import type { Prior } from '../priors/prior';
import { LayerNorm } from './layer-norm';
import { MultiHeadSelfAttention, applyToTokens } from './multi-head-attention';

export type FeedForwardActivation = 'gelu' | 'relu';

export interface EncoderBlockOptions {
  dim: number;
  heads: number;
  /** d_ff: hidden width of the feed-forward network. */
  ff: number;
  /** Rank of every low-rank matrix of the block (low-rank methods). */
  rank: number;
  /** How the weights are learned (METHOD.md section 5). Default 'sbnn'. */
  method?: LayerMethod;
  activation: FeedForwardActivation;
  prior: Prior;
  seed: number;
}

/** Exact GELU x Phi(x) = 0.5 x (1 + erf(x / sqrt 2)), as PyTorch's default. */
function gelu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.mul(0.5, x), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2)))));
}

/**
 * A pre-norm Transformer encoder block (METHOD.md section 3):
 * h = h + Attention(LN1(h)); h = h + W2 act(W1 LN2(h)), with low-rank W1 (d x d_ff), W2 (d_ff x d).
 * Every operation after attention acts per position, so padded positions reach real ones only
 * through attention keys, which the padding mask silences.
 */
export class EncoderBlock {
  readonly attentionNorm: LayerNorm;
  readonly attention: MultiHeadSelfAttention;
  readonly feedForwardNorm: LayerNorm;
  readonly feedForwardIn: DenseLayer;
  readonly feedForwardOut: DenseLayer;
  readonly activation: FeedForwardActivation;

  constructor(options: EncoderBlockOptions) {
    const { dim, ff, rank, prior } = options;
    const rng = createRng(options.seed);
    const method = options.method ?? 'sbnn';
    this.activation = options.activation;
    this.attentionNorm = new LayerNorm(dim);
    this.attention = new MultiHeadSelfAttention({
      dim,
      heads: options.heads,
      rank,
      prior,
      seed: rng.seed(),
      method
    });
    this.feedForwardNorm = new LayerNorm(dim);
    // He for the matrix feeding the nonlinearity, Glorot for the linear one (METHOD.md section 2).
    this.feedForwardIn = createDense(method, {
      inputDim: dim,
      outputDim: ff,
      rank,
      prior,
      seed: rng.seed(),
      init: 'he'
    });
    this.feedForwardOut = createDense(method, {
      inputDim: ff,
      outputDim: dim,
      rank,
      prior,
      seed: rng.seed(),
      init: 'glorot'
    });
  }

  /** W_Q, W_K, W_V, W_O, W1, W2: the order in which `apply` takes their draws. */
  get denseLayers(): DenseLayer[] {
    return [...this.attention.denseLayers, this.feedForwardIn, this.feedForwardOut];
  }

  get norms(): LayerNorm[] {
    return [this.attentionNorm, this.feedForwardNorm];
  }

  /**
   * h [...lead, B, L, d] -> [...lead, B, L, d], or [...lead, B, 1, d] (position 0 only) when
   * `firstOnly`, which is exact for the last block under CLS pooling. keyBias [G B, 1, 1, L], or null
   * when no key is padded.
   */
  apply(h: tf.Tensor, keyBias: tf.Tensor | null, weights: DenseWeights[], firstOnly: boolean): tf.Tensor {
    return tf.tidy(() => {
      const [wq, wk, wv, wo, w1, w2] = weights;
      if (!wq || !wk || !wv || !wo || !w1 || !w2) throw new Error('An encoder block needs six weight draws.');
      const attended = this.attention.apply(
        this.attentionNorm.apply(h),
        keyBias,
        [wq, wk, wv, wo],
        firstOnly
      );
      const residual = firstOnly
        ? tf.slice(
            h,
            h.shape.map(() => 0),
            [...h.shape.slice(0, -2), 1, h.shape[h.rank - 1] ?? 0]
          )
        : h;
      const mid = tf.add(residual, attended);
      const hidden = applyToTokens(this.feedForwardIn, this.feedForwardNorm.apply(mid), w1);
      const activated = this.activation === 'gelu' ? gelu(hidden) : tf.relu(hidden);
      return tf.add(mid, applyToTokens(this.feedForwardOut, activated, w2));
    });
  }

  /** Every parameter of the six weight matrices plus the LayerNorm gains and biases. */
  get paramCount(): number {
    return (
      this.denseLayers.reduce((sum, layer) => sum + layer.paramCount, 0) +
      this.norms.reduce((sum, norm) => sum + norm.paramCount, 0)
    );
  }

  dispose(): void {
    for (const layer of this.denseLayers) layer.dispose();
    for (const norm of this.norms) norm.dispose();
  }
}
