import type { ParamCounts } from '@shared/domain/records';

/**
 * Live parameter counts for the sequence architectures, in the paper's convention (METHOD.md
 * section 1: every mu and rho counts; an ensemble counts all five members). A low-rank matrix
 * m x n of rank r costs 2 r (m + n); its full-rank Bayesian twin 2 m n; a deterministic one m n.
 */

export interface LstmShape {
  /** Inputs per time step: the target's own history plus the feature columns. */
  inputDim: number;
  hidden: number;
  layers: number;
  rankIh: number;
  rankHh: number;
  /** Deterministic parameters of the likelihood, once per network (1: the Gaussian's learned log-sigma). */
  likelihoodParams?: number;
}

/**
 * Stacked LSTM (METHOD.md section 3): per layer W_ih (d_in x 4H) of rank r_ih, W_hh (H x 4H) of
 * rank r_hh and a packed gate bias (4H), where d_in is the input width for the first layer and H
 * after it; then a linear head H -> 1 of rank 1 with its bias.
 */
export function lstmParamCounts(shape: LstmShape): ParamCounts {
  const h = shape.hidden;
  const gates = 4 * h;
  const likelihood = shape.likelihoodParams ?? 0;
  let lowRank = likelihood;
  let fullRankBayes = likelihood;
  let deterministic = likelihood;
  for (let layer = 0; layer < shape.layers; layer++) {
    const dIn = layer === 0 ? shape.inputDim : h;
    lowRank += 2 * (shape.rankIh * (dIn + gates) + shape.rankHh * (h + gates)) + 2 * gates;
    fullRankBayes += 2 * (dIn * gates + h * gates) + 2 * gates;
    deterministic += dIn * gates + h * gates + gates;
  }
  lowRank += 2 * (1 * (h + 1)) + 2;
  fullRankBayes += 2 * h + 2;
  deterministic += h + 1;
  return { lowRank, fullRankBayes, ensemble: 5 * deterministic };
}

export interface TransformerShape {
  vocab: number;
  maxLen: number;
  dModel: number;
  layers: number;
  ff: number;
  rank: number;
  /** Classifier outputs: 1 for a binary (sigmoid) head, K for K classes. */
  outputDim: number;
}

/**
 * Pre-norm Transformer encoder (METHOD.md section 3): token embedding V x d (low rank), learned
 * positions maxLen x d (deterministic, counted once), per block four d x d attention matrices
 * (Q, K, V, output) and the FFN d -> ff -> d, each with a Bayesian bias, two LayerNorms
 * (gain and shift, deterministic), a final LayerNorm and a head d -> K of rank min(r, K) (a
 * d x K matrix never has a higher rank; the model library makes the same choice). The full-rank
 * and ensemble counts replace every low-rank matrix by a full one; the embedding has no bias.
 */
export function transformerParamCounts(shape: TransformerShape): ParamCounts {
  const { vocab: v, maxLen, dModel: d, layers, ff, rank: r, outputDim: k } = shape;
  const positions = maxLen * d;
  const layerNorm = 2 * d;

  const lowBlock =
    4 * (2 * r * (d + d) + 2 * d) + (2 * r * (d + ff) + 2 * ff + 2 * r * (ff + d) + 2 * d) + 2 * layerNorm;
  const headRank = Math.min(r, k);
  const lowRank =
    2 * r * (v + d) + positions + layers * lowBlock + layerNorm + 2 * headRank * (d + k) + 2 * k;

  const fullBlock = 4 * (2 * d * d + 2 * d) + (2 * d * ff + 2 * ff + 2 * ff * d + 2 * d) + 2 * layerNorm;
  const fullRankBayes = 2 * v * d + positions + layers * fullBlock + layerNorm + 2 * d * k + 2 * k;

  const detBlock = 4 * (d * d + d) + (d * ff + ff + ff * d + d) + 2 * layerNorm;
  const deterministic = v * d + positions + layers * detBlock + layerNorm + d * k + k;

  return { lowRank, fullRankBayes, ensemble: 5 * deterministic };
}

/** Multi-head attention splits d_model evenly across the heads; null when the split is valid. */
export function headsProblem(dModel: number, heads: number): string | null {
  if (!Number.isInteger(dModel) || !Number.isInteger(heads) || heads < 1) return null;
  if (dModel % heads === 0) return null;
  return `d_model (${dModel}) must be a multiple of the number of heads (${heads}): each head gets d_model / heads dimensions. Try ${heads * Math.max(1, Math.round(dModel / heads))} or ${largestDivisorAtMost(dModel, heads)} heads.`;
}

function largestDivisorAtMost(n: number, limit: number): number {
  for (let h = Math.min(limit, n); h > 1; h--) if (n % h === 0) return h;
  return 1;
}
