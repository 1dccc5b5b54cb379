/**
 * Split conformal prediction (beyond the paper): a score quantile calibrated on held-out records
 * turns the model's predictive into intervals or class sets with a finite-sample coverage guarantee,
 * P(y in C(x)) >= level, for exchangeable data. Formulas: docs/metrics.md, "Conformal prediction".
 */
import { requireSameLength } from './check';
import type { ProbabilityRows } from './classification';
import { argmax } from './classification';

/**
 * The conformal quantile of calibration scores: with s_(1) <= ... <= s_(n) sorted ascending, the
 * k-th smallest, k = ceil((n + 1) level); +Infinity when k > n (too few calibration records for
 * the level: the set must then be everything to keep the guarantee).
 */
export function conformalQuantile(scores: readonly number[], level: number): number {
  if (!(level > 0 && level < 1))
    throw new RangeError(`conformalQuantile: level must be in (0, 1), got ${level}`);
  const n = scores.length;
  if (n === 0) throw new RangeError('conformalQuantile: needs at least one calibration score');
  if (scores.some((s) => Number.isNaN(s))) throw new RangeError('conformalQuantile: a score is NaN');
  // The tolerance keeps (19 + 1) * 0.95 = 19.000000000000004 from rounding up to 20.
  const k = Math.ceil((n + 1) * level - 1e-9);
  if (k > n) return Number.POSITIVE_INFINITY;
  const sorted = [...scores].sort((a, b) => a - b);
  return sorted[Math.max(1, k) - 1] as number;
}

/** Normalized residual scores |y - mean| / std (std the total predictive std, > 0). */
export function normalizedResiduals(
  mean: readonly number[],
  std: readonly number[],
  y: readonly number[]
): number[] {
  const n = requireSameLength('normalizedResiduals', mean, std, y);
  return Array.from({ length: n }, (_, i) => {
    const s = std[i] as number;
    if (!(s > 0)) throw new RangeError(`normalizedResiduals: std ${i} is ${s}, must be > 0`);
    return Math.abs((y[i] as number) - (mean[i] as number)) / s;
  });
}

/** Intervals mean +/- q std: the normalized split-conformal interval for a quantile q of normalizedResiduals. */
export function conformalIntervals(
  mean: readonly number[],
  std: readonly number[],
  quantile: number
): { lower: number[]; upper: number[] } {
  requireSameLength('conformalIntervals', mean, std);
  // q = Infinity with std > 0 gives (-Infinity, +Infinity); the product is never Infinity * 0.
  const half = std.map((s) => (quantile === Number.POSITIVE_INFINITY ? quantile : quantile * s));
  return {
    lower: mean.map((m, i) => m - (half[i] as number)),
    upper: mean.map((m, i) => m + (half[i] as number))
  };
}

/** LAC scores 1 - p_y: one minus the probability the model gave the true class. */
export function trueClassScores(probs: ProbabilityRows, labels: readonly number[]): number[] {
  const n = requireSameLength('trueClassScores', probs, labels);
  return Array.from({ length: n }, (_, i) => {
    const p = (probs[i] as readonly number[])[labels[i] as number];
    if (p === undefined) throw new RangeError(`trueClassScores: label ${labels[i]} is not a class index`);
    return 1 - p;
  });
}

/**
 * The LAC prediction set of each row: the classes k with 1 - p_k <= q (i.e. p_k >= 1 - q, written on
 * the score so that a calibration row whose score is exactly q keeps its class). Never empty: the
 * argmax is added when no class passes.
 */
export function conformalSets(probs: ProbabilityRows, quantile: number): number[][] {
  return probs.map((row) => {
    const set: number[] = [];
    row.forEach((p, k) => {
      if (1 - p <= quantile) set.push(k);
    });
    return set.length > 0 ? set : [argmax(row)];
  });
}

/** Fraction of rows whose set holds the true class. */
export function setCoverage(sets: readonly (readonly number[])[], labels: readonly number[]): number {
  const n = requireSameLength('setCoverage', sets, labels);
  let covered = 0;
  for (let i = 0; i < n; i++) if ((sets[i] as readonly number[]).includes(labels[i] as number)) covered++;
  return covered / n;
}

/** Mean number of classes per set. */
export function meanSetSize(sets: readonly (readonly number[])[]): number {
  const n = requireSameLength('meanSetSize', sets);
  let total = 0;
  for (const set of sets) total += set.length;
  return total / n;
}

/** ACI step size (Gibbs and Candès 2021 use 0.005 on long sequences; ours: a few hundred steps). */
export const ADAPTIVE_STEP = 0.01;

/**
 * Online (adaptive) conformal quantiles for a sequence whose outcomes become known in time order,
 * as forecasts' do (beyond the paper; docs/metrics.md): records are taken in groups of equal time;
 * every record of a group gets the quantile at level 1 - alpha_t of the calibration scores plus the
 * scores of all earlier groups (an expanding calibration set); then the group's outcomes are
 * revealed and alpha follows adaptive conformal inference,
 *   alpha_{t+1} = alpha_t + gamma (alpha - err_t),
 * err_t the share of the group's known records not covered. `scores[i]` is NaN where the outcome
 * is unknown (it is then neither counted nor added). Returns the quantile used for each record.
 */
export function onlineConformalQuantiles(
  calibration: readonly number[],
  scores: readonly number[],
  times: readonly number[],
  level: number,
  gamma = ADAPTIVE_STEP
): number[] {
  const n = requireSameLength('onlineConformalQuantiles', scores, times);
  const target = 1 - level;
  const pool = [...calibration];
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (times[a] as number) - (times[b] as number) || a - b
  );
  const quantiles = new Array<number>(n).fill(Number.NaN);
  let alpha = target;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end < n && times[order[end] as number] === times[order[start] as number]) end++;
    const group = order.slice(start, end);
    // alpha <= 0 asks for every value (an unbounded set); alpha >= 1 for none beyond the smallest score.
    const q =
      alpha <= 0
        ? Number.POSITIVE_INFINITY
        : alpha >= 1
          ? Math.min(...pool, 0)
          : conformalQuantile(pool, 1 - alpha);
    let known = 0;
    let missed = 0;
    for (const i of group) {
      quantiles[i] = q;
      const s = scores[i] as number;
      if (Number.isNaN(s)) continue;
      known++;
      if (s > q) missed++;
    }
    for (const i of group) if (!Number.isNaN(scores[i] as number)) pool.push(scores[i] as number);
    if (known > 0) alpha += gamma * (target - missed / known);
    start = end;
  }
  return quantiles;
}
