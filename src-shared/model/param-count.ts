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
