import type { Method } from '../domain/config';
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
  return paramCountsOf({ arch: 'mlp', ...shape });
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
  return paramCountsOf({ arch: 'lstm', ...shape });
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
  return paramCountsOf({ arch: 'transformer', ...shape });
}

/** The shape of a network of any architecture. */
export type NetworkShape =
  | ({ arch: 'mlp' } & MlpShape)
  | ({ arch: 'lstm' } & LstmShape)
  | ({ arch: 'transformer' } & TransformerShape);

/** One weight matrix m x n of rank r (low-rank methods), with or without a bias of n. */
interface MatrixShape {
  m: number;
  n: number;
  rank: number;
  bias: boolean;
}

/** The weight matrices of a network and its deterministic parameters outside them (likelihood, positions, LayerNorms). */
function networkParts(shape: NetworkShape): { matrices: MatrixShape[]; deterministic: number } {
  switch (shape.arch) {
    case 'mlp': {
      const widths = [shape.inputDim, ...shape.hidden, shape.outputDim];
      if (shape.ranks.length !== widths.length - 1) {
        throw new Error(
          `${widths.length - 1} ranks needed (one per weight matrix), got ${shape.ranks.length}.`
        );
      }
      const matrices = shape.ranks.map((rank, i) => ({
        m: widths[i] ?? 0,
        n: widths[i + 1] ?? 0,
        rank,
        bias: true
      }));
      return { matrices, deterministic: shape.likelihoodParams };
    }
    case 'lstm': {
      // Per layer W_ih (d_in x 4H) with the gate bias and W_hh (H x 4H) without; a rank-1 head H -> 1.
      const { hidden: h, rankIh, rankHh } = shape;
      const matrices: MatrixShape[] = [];
      for (let i = 0; i < shape.layers; i++) {
        const d = i === 0 ? shape.inputFeatures : h;
        matrices.push(
          { m: d, n: 4 * h, rank: rankIh, bias: true },
          { m: h, n: 4 * h, rank: rankHh, bias: false }
        );
      }
      matrices.push({ m: h, n: 1, rank: 1, bias: true });
      return { matrices, deterministic: shape.likelihoodParams };
    }
    case 'transformer': {
      const { vocabSize: v, maxLen, dModel: d, layers, ff, rank: r, outputDim: k } = shape;
      // A d x K head never has a rank above min(r, K); the model library makes the same choice.
      const headRank = shape.headRank ?? Math.min(r, k);
      const matrices: MatrixShape[] = [{ m: v, n: d, rank: r, bias: false }];
      for (let i = 0; i < layers; i++) {
        const square = { m: d, n: d, rank: r, bias: true };
        matrices.push(
          square,
          square,
          square,
          square,
          { m: d, n: ff, rank: r, bias: true },
          {
            m: ff,
            n: d,
            rank: r,
            bias: true
          }
        );
      }
      matrices.push({ m: d, n: k, rank: headRank, bias: true });
      return {
        matrices,
        deterministic: maxLen * d + (2 * layers + 1) * 2 * d + (shape.likelihoodParams ?? 0)
      };
    }
  }
}

/**
 * Parameters of one m x n weight matrix (and its bias) for a method that builds networks (METHOD.md
 * sections 1 and 5; every mu and rho counts, deterministic parameters once):
 * low rank (sbnn, lr-svd) 2 r (m + n) [+ 2 n]; full-rank BBB 2 m n [+ 2 n]; deterministic m n [+ n];
 * rank-1 m n [+ n] + 2 (m + n) (W0 and the bias, mu and rho of s and r).
 */
function matrixParams({ m, n, rank, bias }: MatrixShape, method: Exclude<Method, 'ensemble'>): number {
  const b = bias ? n : 0;
  switch (method) {
    case 'sbnn':
    case 'lr-svd':
      return 2 * rank * (m + n) + 2 * b;
    case 'bbb':
      return 2 * m * n + 2 * b;
    case 'deterministic':
      return m * n + b;
    case 'rank1':
      return m * n + b + 2 * (m + n);
  }
}

/**
 * The parameter count of a network of `method` (METHOD.md section 1, paper convention: every mu and
 * rho counts; the likelihood's and other deterministic parameters count once per network; an
 * ensemble counts all its `members` deterministic networks).
 */
export function methodParamCount(shape: NetworkShape, method: Method, members = 5): number {
  if (method === 'ensemble') return members * methodParamCount(shape, 'deterministic');
  const { matrices, deterministic } = networkParts(shape);
  return matrices.reduce((sum, matrix) => sum + matrixParams(matrix, method), deterministic);
}

/** The low-rank, full-rank BBB and 5-member ensemble counts of a network. */
function paramCountsOf(shape: NetworkShape): ParamCounts {
  return {
    lowRank: methodParamCount(shape, 'sbnn'),
    fullRankBayes: methodParamCount(shape, 'bbb'),
    ensemble: methodParamCount(shape, 'ensemble', 5)
  };
}
