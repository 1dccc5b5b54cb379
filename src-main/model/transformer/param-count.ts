import type { ParamCounts } from '@shared/domain/records';
import { defaultHeadRank } from './transformer-spec';

export interface TransformerShape {
  vocabSize: number;
  maxLen: number;
  dModel: number;
  layers: number;
  ff: number;
  rank: number;
  outputDim: number;
  /** Default min(rank, outputDim), as the model. */
  headRank?: number;
  /** Deterministic parameters of the likelihood (0 for the Bernoulli and categorical ones). */
  likelihoodParams?: number;
}

/**
 * Parameter counts of the Transformer classifier in the paper's convention (METHOD.md section 1:
 * every mu and rho counts; an ensemble counts all members). Deterministic parameters (positional
 * embeddings, LayerNorm gains and biases) count once per network in every column.
 * Per m x n matrix: low rank 2 r (m + n) [+ 2 n bias]; full-rank BBB 2 m n [+ 2 n]; deterministic
 * m n [+ n]. The token embedding (V x d) has no bias; per block: W_Q, W_K, W_V, W_O (d x d), W1
 * (d x ff), W2 (ff x d), all with biases, and two LayerNorms; then a final LayerNorm and the head.
 */
export function transformerParamCounts(shape: TransformerShape): ParamCounts {
  const { vocabSize: v, maxLen, dModel: d, layers, ff, rank: r, outputDim: k } = shape;
  const headRank = shape.headRank ?? defaultHeadRank(r, k);
  const deterministicShared = maxLen * d + (2 * layers + 1) * 2 * d + (shape.likelihoodParams ?? 0);
  const dense: Array<[m: number, n: number, rank: number]> = [];
  for (let i = 0; i < layers; i++)
    dense.push([d, d, r], [d, d, r], [d, d, r], [d, d, r], [d, ff, r], [ff, d, r]);
  dense.push([d, k, headRank]);
  let lowRank = deterministicShared + 2 * r * (v + d);
  let fullRankBayes = deterministicShared + 2 * v * d;
  let deterministic = deterministicShared + v * d;
  for (const [m, n, rank] of dense) {
    lowRank += 2 * rank * (m + n) + 2 * n;
    fullRankBayes += 2 * m * n + 2 * n;
    deterministic += m * n + n;
  }
  return { lowRank, fullRankBayes, ensemble: 5 * deterministic };
}
