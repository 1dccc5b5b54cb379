/**
 * The rank advisor (METHOD.md section 7): for each weight matrix of a short deterministic pre-fit,
 * its singular value spectrum and the smallest rank keeping `threshold` of the spectrum's energy
 * (the Eckart-Young-Mirsky optimal rank-r truncation keeps exactly that share).
 */
import type { RankAdvice } from '@shared/domain/records';
import { singularValues } from '@shared/math/svd';
import { layerSpectrum, rankForEnergy } from '@shared/theory/spectrum';

export interface LayerWeights {
  layer: string;
  rows: number;
  cols: number;
  /** Row-major rows x cols. */
  values: ArrayLike<number>;
}

/** One proposal per matrix, in order; threshold in (0, 1]. The proposed rank is at least 1. */
export function adviseRanks(weights: readonly LayerWeights[], threshold: number): RankAdvice[] {
  return weights.map((w) => {
    const s = singularValues(w.values, w.rows, w.cols);
    const spectrum = layerSpectrum(w.layer, w.rows, w.cols, s.length, s);
    return {
      layer: w.layer,
      rows: w.rows,
      cols: w.cols,
      singularValues: spectrum.singularValues,
      energy: spectrum.energy,
      proposedRank: Math.max(1, rankForEnergy(s, threshold))
    };
  });
}
