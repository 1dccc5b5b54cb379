import type * as tf from '@tensorflow/tfjs-core';
import type { NamedVariable, WeightMatrix } from '../bayesian-model';
import type { WeightDraw } from '../gaussian-posterior';
import type { BatchTokens } from './low-rank-embedding';

/**
 * The token embedding E (V x d) of any method (METHOD.md sections 3 and 5): the low-rank one
 * (LowRankEmbedding) or a full V x d matrix of a baseline (DenseEmbedding). A draw D is the
 * implementation's own; a batch forms only the rows of its distinct tokens.
 */
export interface TokenEmbedding<D = unknown> {
  /** A single draw (a seed) or the means ('mean'). */
  draw(draw: WeightDraw): D;
  /** S stacked draws. */
  drawMany(count: number, seed: number): D;
  /** Single draw -> [B, L, d]; stacked -> [S, B, L, d]. */
  embed(tokens: BatchTokens, draw: D): tf.Tensor;
  /** Monte Carlo KL of the whole V x d embedding on a single draw (METHOD.md section 2). */
  kl(draw: D): tf.Scalar;
  disposeDraw(draw: D): void;
  readonly paramCount: number;
  namedVariables(prefix: string): NamedVariable[];
  readonly trainableVariables: tf.Variable[];
  weightMatrix(name: string): WeightMatrix;
  dispose(): void;
}
