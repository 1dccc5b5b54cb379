/**
 * McAllester's PAC-Bayes bound (METHOD.md section 7): with probability at least 1 - delta over the
 * draw of n training records, for a loss in [0, 1],
 *   L(Q) <= L_hat(Q) + sqrt((KL(Q || P) + ln(2 sqrt(n) / delta)) / (2 n)),
 * where L_hat(Q) is the empirical risk of the Gibbs predictor (a fresh weight draw from Q per
 * prediction). The KL term is klToPrior (kl-to-prior.ts), re-exported here with the bound it feeds.
 */
import type { PacBayes } from '../domain/records';

export { klToPrior } from './kl-to-prior';

export const DEFAULT_DELTA = 0.05;

export function mcallesterBound(empiricalRisk: number, kl: number, n: number, delta = DEFAULT_DELTA): number {
  if (!(empiricalRisk >= 0 && empiricalRisk <= 1)) {
    throw new RangeError(`mcallesterBound: empirical risk ${empiricalRisk} must be in [0, 1]`);
  }
  if (!(kl >= 0) || !Number.isFinite(kl))
    throw new RangeError(`mcallesterBound: KL ${kl} must be finite and >= 0`);
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`mcallesterBound: n ${n} must be a positive integer`);
  if (!(delta > 0 && delta < 1)) throw new RangeError(`mcallesterBound: delta ${delta} must be in (0, 1)`);
  return empiricalRisk + Math.sqrt((kl + Math.log((2 * Math.sqrt(n)) / delta)) / (2 * n));
}

/**
 * sqrt(r (m + n) / (m n)): the complexity term of a rank-r factorization of an m x n matrix relative
 * to the full-rank one, at equal KL per parameter (r (m + n) factor entries against m n weights).
 */
export function complexityRatio(r: number, m: number, n: number): number {
  if (!(r > 0 && m > 0 && n > 0))
    throw new RangeError(`complexityRatio: r, m, n must be > 0, got ${r}, ${m}, ${n}`);
  return Math.sqrt((r * (m + n)) / (m * n));
}

/** The bound's record for a run: its inputs (KL, Gibbs risk with its stated loss, n, delta) and value. */
export function pacBayesSummary(args: {
  kl: number;
  risk: number;
  loss: string;
  n: number;
  bayesianParams: number;
  delta?: number;
}): PacBayes {
  const delta = args.delta ?? DEFAULT_DELTA;
  return {
    kl: args.kl,
    empiricalRisk: args.risk,
    n: args.n,
    delta,
    bound: mcallesterBound(args.risk, args.kl, args.n, delta),
    loss: args.loss,
    bayesianParams: args.bayesianParams
  };
}
