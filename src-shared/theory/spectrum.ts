/**
 * Singular value spectra of weight matrices (METHOD.md section 7): the energy a rank-r truncation
 * keeps, the smallest rank keeping a given share, and the Eckart-Young-Mirsky error of the best
 * rank-r approximation. Singular values are taken as given: non-negative, largest first.
 */
import type { LayerSpectrum } from '../domain/records';

/** Most singular values a LayerSpectrum keeps (the tail of a wide layer is not worth storing). */
export const MAX_SPECTRUM_VALUES = 256;

/**
 * Energy retained at rank r, sum_{i<=r} s_i^2 / sum_i s_i^2, for r = 1..k. The last entry is exactly
 * 1; a zero matrix loses nothing at any rank, so all entries are 1.
 */
export function energyRetained(singularValues: ArrayLike<number>): number[] {
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < singularValues.length; i++) {
    sum += (singularValues[i] as number) ** 2;
    cumulative.push(sum);
  }
  return cumulative.map((c) => (sum > 0 ? c / sum : 1));
}

/**
 * The smallest rank r whose retained energy reaches threshold (in (0, 1]); at most k, since the
 * energy at r = k is exactly 1. No singular values: 0.
 */
export function rankForEnergy(singularValues: ArrayLike<number>, threshold: number): number {
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`rankForEnergy: threshold ${threshold} must be in (0, 1]`);
  }
  const energy = energyRetained(singularValues);
  const r = energy.findIndex((e) => e >= threshold);
  return r === -1 ? energy.length : r + 1;
}

/** Eckart-Young-Mirsky: ||W - W_r||_F = sqrt(sum_{i>r} s_i^2) for the best rank-r approximation W_r. */
export function bestRankError(singularValues: ArrayLike<number>, r: number): number {
  if (!Number.isInteger(r) || r < 0) throw new RangeError(`bestRankError: rank ${r} must be an integer >= 0`);
  let sum = 0;
  for (let i = r; i < singularValues.length; i++) sum += (singularValues[i] as number) ** 2;
  return Math.sqrt(sum);
}

/**
 * The spectrum record of one weight matrix: its largest MAX_SPECTRUM_VALUES singular values and the
 * energy retained at each of those ranks (relative to the whole spectrum, not just the kept part).
 */
export function layerSpectrum(
  layer: string,
  rows: number,
  cols: number,
  rank: number,
  singularValues: ArrayLike<number>
): LayerSpectrum {
  const kept = Math.min(singularValues.length, MAX_SPECTRUM_VALUES);
  return {
    layer,
    rows,
    cols,
    rank,
    singularValues: Array.from(singularValues).slice(0, kept),
    energy: energyRetained(singularValues).slice(0, kept)
  };
}
