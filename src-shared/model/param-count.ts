import type { ParamCounts } from '../domain/records';

export interface MlpShape {
  inputDim: number;
  outputDim: number;
  hidden: number[];
  /** One rank per weight matrix (hidden.length + 1). */
  ranks: number[];
  /** Deterministic parameters of the likelihood (1 for the Gaussian log-sigma, else 0). */
  likelihoodParams: number;
}

/**
 * Parameter counts in the paper's convention (METHOD.md section 1: every mu and rho counts; an
 * ensemble counts all members), for a layer m -> n of rank r:
 * - low rank: 2 r (m + n) + 2 n (mu and rho of A, B and the bias);
 * - full-rank Bayes by Backprop: 2 m n + 2 n;
 * - deep ensemble of 5 deterministic networks: 5 (m n + n).
 * The likelihood's parameters are added once per network.
 */
export function mlpParamCounts(shape: MlpShape): ParamCounts {
  const widths = [shape.inputDim, ...shape.hidden, shape.outputDim];
  if (shape.ranks.length !== widths.length - 1) {
    throw new Error(`${widths.length - 1} ranks needed (one per weight matrix), got ${shape.ranks.length}.`);
  }
  let lowRank = shape.likelihoodParams;
  let fullRankBayes = shape.likelihoodParams;
  let deterministic = shape.likelihoodParams;
  for (let i = 0; i + 1 < widths.length; i++) {
    const m = widths[i] ?? 0;
    const n = widths[i + 1] ?? 0;
    const r = shape.ranks[i] ?? 0;
    lowRank += 2 * r * (m + n) + 2 * n;
    fullRankBayes += 2 * m * n + 2 * n;
    deterministic += m * n + n;
  }
  return { lowRank, fullRankBayes, ensemble: 5 * deterministic };
}

export interface LstmShape {
  /** F: features per time step. */
  inputFeatures: number;
  /** H */
  hidden: number;
  layers: number;
  rankIh: number;
  rankHh: number;
  /** Deterministic parameters of the likelihood (1 for the Gaussian log-sigma). */
  likelihoodParams: number;
}

/**
 * Parameter counts of the LSTM regressor in the paper's convention (METHOD.md sections 1 and 3):
 * each layer has W_ih (d_in x 4H), W_hh (H x 4H) and one 4H gate bias, d_in = F for the first
 * layer and H after; the head is H -> 1 with a bias, rank 1.
 * - low rank: 2 r_ih (d_in + 4H) + 2 r_hh (H + 4H) + 2 (4H) per layer, 2 (H + 1) + 2 for the head;
 * - full-rank Bayes by Backprop: 2 (d_in 4H + H 4H + 4H) per layer, 2 (H + 1) for the head;
 * - deep ensemble of 5 deterministic networks: 5 (d_in 4H + H 4H + 4H per layer + H + 1).
 * The likelihood's parameters are added once per network.
 */
export function lstmParamCounts(shape: LstmShape): ParamCounts {
  const { hidden: h, rankIh, rankHh } = shape;
  const g = 4 * h;
  let lowRank = shape.likelihoodParams + 2 * (h + 1) + 2;
  let fullRankBayes = shape.likelihoodParams + 2 * (h + 1);
  let deterministic = shape.likelihoodParams + h + 1;
  for (let i = 0; i < shape.layers; i++) {
    const d = i === 0 ? shape.inputFeatures : h;
    lowRank += 2 * rankIh * (d + g) + 2 * rankHh * (h + g) + 2 * g;
    fullRankBayes += 2 * (d * g + h * g + g);
    deterministic += d * g + h * g + g;
  }
  return { lowRank, fullRankBayes, ensemble: 5 * deterministic };
}

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
  // A d x K head never has a rank above min(r, K); the model library makes the same choice.
  const headRank = shape.headRank ?? Math.min(r, k);
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
