import * as tf from '@tensorflow/tfjs-core';
import type { NamedVariable, WeightMatrix } from '../bayesian-model';
import type { WeightDraw } from '../gaussian-posterior';
import { createDense } from '../layers/create-dense';
import { denseMatrix, disposeWeights } from '../layers/dense-layer';
import type { DenseLayer, DenseSample, DenseWeights, LayerMethod } from '../layers/dense-layer';
import type { Prior } from '../priors/prior';
import type { BatchTokens } from './low-rank-embedding';
import type { TokenEmbedding } from './token-embedding';

export interface DenseEmbeddingOptions {
  /** A full-rank method (bbb, deterministic, rank1); the low-rank ones use LowRankEmbedding. */
  method: Exclude<LayerMethod, 'sbnn' | 'lr-svd'>;
  vocabSize: number;
  dim: number;
  prior: Prior;
  seed: number;
}

/**
 * The token embedding of a baseline (METHOD.md section 5): E (V x d) is a full weight matrix of the
 * method without a bias (mean-field Gaussian for bbb, point for the deterministic network,
 * W0 * (s r^T) for rank1). A batch gathers the rows of its distinct tokens only; the KL covers the
 * whole matrix on the same draw, as the low-rank embedding's.
 */
export class DenseEmbedding implements TokenEmbedding<DenseWeights> {
  readonly vocabSize: number;
  readonly dim: number;
  readonly table: DenseLayer;

  constructor(options: DenseEmbeddingOptions) {
    const { vocabSize: v, dim: d } = options;
    this.vocabSize = v;
    this.dim = d;
    // (ours) Var(E_ij) = 1 / d as the low-rank embedding: the residual stream starts at unit scale.
    this.table = createDense(options.method, {
      inputDim: v,
      outputDim: d,
      prior: options.prior,
      seed: options.seed,
      initStd: Math.sqrt(1 / d),
      bias: false
    });
  }

  draw(draw: WeightDraw): DenseSample {
    return this.table.draw(draw);
  }

  drawMany(count: number, seed: number): DenseWeights {
    return this.table.drawMany(count, seed);
  }

  /** The distinct tokens' rows of E for the draw, then one row per token: [B, L, d] or [S, B, L, d]. */
  embed(tokens: BatchTokens, draw: DenseWeights): tf.Tensor {
    return tf.tidy(() => {
      const table = this.table.rows(tf.tensor1d(tokens.unique, 'int32'), draw); // [U, d] or [S, U, d]
      const stacked = table.rank === 3;
      const perToken = tf.gather(table, tf.tensor1d(tokens.positions, 'int32'), stacked ? 1 : 0);
      const [batch, length] = tokens.shape;
      return tf.reshape(perToken, stacked ? [-1, batch, length, this.dim] : [batch, length, this.dim]);
    });
  }

  kl(draw: DenseSample): tf.Scalar {
    return this.table.kl(draw);
  }

  disposeDraw(draw: DenseWeights): void {
    disposeWeights(draw);
  }

  get paramCount(): number {
    return this.table.paramCount;
  }

  namedVariables(prefix: string): NamedVariable[] {
    return this.table.namedVariables(prefix);
  }

  get trainableVariables(): tf.Variable[] {
    return this.table.trainableVariables;
  }

  weightMatrix(name: string): WeightMatrix {
    return denseMatrix(name, this.table);
  }

  dispose(): void {
    this.table.dispose();
  }
}
