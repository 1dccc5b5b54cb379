/**
 * Regression metrics of a Gaussian predictive distribution N(mean_i, std_i^2) and an interval
 * [lower_i, upper_i] per record (METHOD.md sections 4 and 6). Arguments take predictions first and
 * the observed y last. Formulas: docs/metrics.md.
 */
import { requireSameLength } from './check';
import { normalCdf, normalPdf } from './normal';

const LOG_2PI = Math.log(2 * Math.PI);

export function mae(mean: readonly number[], y: readonly number[]): number {
  const n = requireSameLength('mae', mean, y);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs((y[i] as number) - (mean[i] as number));
  return sum / n;
}

export function rmse(mean: readonly number[], y: readonly number[]): number {
  const n = requireSameLength('rmse', mean, y);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += ((y[i] as number) - (mean[i] as number)) ** 2;
  return Math.sqrt(sum / n);
}

/**
 * R^2 = 1 - SS_res / SS_tot (sklearn r2_score): 1 for a perfect fit, and 0 when y is constant but the
 * fit is not perfect (instead of -Infinity).
 */
export function r2(mean: readonly number[], y: readonly number[]): number {
  const n = requireSameLength('r2', mean, y);
  let yBar = 0;
  for (const v of y) yBar += v;
  yBar /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += ((y[i] as number) - (mean[i] as number)) ** 2;
    ssTot += ((y[i] as number) - yBar) ** 2;
  }
  if (ssRes === 0) return 1;
  return ssTot === 0 ? 0 : 1 - ssRes / ssTot;
}

/** Mean negative log density: 0.5 log(2 pi std^2) + (y - mean)^2 / (2 std^2). */
export function gaussianNll(mean: readonly number[], std: readonly number[], y: readonly number[]): number {
  const n = requireSameLength('gaussianNll', mean, std, y);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const s = std[i] as number;
    if (!(s > 0)) throw new RangeError(`gaussianNll: std ${i} is ${s}, must be > 0`);
    sum += 0.5 * (LOG_2PI + 2 * Math.log(s)) + ((y[i] as number) - (mean[i] as number)) ** 2 / (2 * s * s);
  }
  return sum / n;
}

/**
 * Mean CRPS of N(mean, std^2) at y, closed form (Gneiting et al. 2005):
 * std * (z (2 Phi(z) - 1) + 2 phi(z) - 1 / sqrt(pi)), z = (y - mean) / std. Same units as y; lower is better.
 */
export function crpsGaussian(mean: readonly number[], std: readonly number[], y: readonly number[]): number {
  const n = requireSameLength('crpsGaussian', mean, std, y);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const s = std[i] as number;
    if (!(s > 0)) throw new RangeError(`crpsGaussian: std ${i} is ${s}, must be > 0`);
    const z = ((y[i] as number) - (mean[i] as number)) / s;
    sum += s * (z * (2 * normalCdf(z) - 1) + 2 * normalPdf(z) - 1 / Math.sqrt(Math.PI));
  }
  return sum / n;
}

/** Prediction interval coverage probability: fraction of records with lower <= y <= upper. */
export function picp(lower: readonly number[], upper: readonly number[], y: readonly number[]): number {
  const n = requireSameLength('picp', lower, upper, y);
  let inside = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i] as number;
    if (v >= (lower[i] as number) && v <= (upper[i] as number)) inside++;
  }
  return inside / n;
}

/** Mean prediction interval width: mean (upper - lower). */
export function mpiw(lower: readonly number[], upper: readonly number[]): number {
  const n = requireSameLength('mpiw', lower, upper);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (upper[i] as number) - (lower[i] as number);
  return sum / n;
}

/**
 * Mean interval score of central (1 - alpha) intervals (Gneiting & Raftery 2007, eq. 43):
 * (u - l) + (2 / alpha)(l - y) 1[y < l] + (2 / alpha)(y - u) 1[y > u]. alpha = 0.05 for 95% intervals.
 */
export function intervalScore(
  lower: readonly number[],
  upper: readonly number[],
  y: readonly number[],
  alpha: number
): number {
  const n = requireSameLength('intervalScore', lower, upper, y);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`intervalScore: alpha must be in (0, 1), got ${alpha}`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const l = lower[i] as number;
    const u = upper[i] as number;
    const v = y[i] as number;
    sum += u - l + (v < l ? (2 / alpha) * (l - v) : 0) + (v > u ? (2 / alpha) * (v - u) : 0);
  }
  return sum / n;
}
