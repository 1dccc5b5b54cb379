import type { Task } from '@shared/domain/config';
import type { RecordPrediction } from '@shared/domain/records';

/** One prediction for the reliability diagram: stated probability and whether the event happened. */
export interface ReliabilityPoint {
  p: number;
  hit: boolean;
}

export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean stated probability in the bin; null when the bin is empty. */
  meanPredicted: number | null;
  /** Observed frequency of the event in the bin; null when the bin is empty. */
  observed: number | null;
}

/**
 * Equal-width binning of [0, 1] into `binCount` bins (p = 1 falls in the last bin). A calibrated
 * model has observed ≈ meanPredicted in every bin (METHOD.md, calibration / ECE).
 */
export function reliabilityBins(points: readonly ReliabilityPoint[], binCount: number): ReliabilityBin[] {
  const sums = Array.from({ length: binCount }, () => ({ count: 0, p: 0, hits: 0 }));
  for (const point of points) {
    if (!Number.isFinite(point.p)) continue;
    const clamped = Math.min(1, Math.max(0, point.p));
    const index = Math.min(binCount - 1, Math.floor(clamped * binCount));
    const bin = sums[index];
    if (!bin) continue;
    bin.count += 1;
    bin.p += clamped;
    bin.hits += point.hit ? 1 : 0;
  }
  return sums.map((bin, i) => ({
    lower: i / binCount,
    upper: (i + 1) / binCount,
    count: bin.count,
    meanPredicted: bin.count > 0 ? bin.p / bin.count : null,
    observed: bin.count > 0 ? bin.hits / bin.count : null
  }));
}

/**
 * Reliability points from classification records. Binary records state P(positive class), so
 * the event is "actual is the positive class"; multiclass records state P(predicted class), so
 * the event is "the prediction was correct". Records without a known outcome are skipped.
 */
export function reliabilityPoints(
  records: readonly RecordPrediction[],
  task: Task,
  positiveClass: string | null
): ReliabilityPoint[] {
  const points: ReliabilityPoint[] = [];
  for (const record of records) {
    if (record.actual === null) continue;
    if (task === 'binary') {
      if (positiveClass === null) continue;
      points.push({ p: record.value, hit: record.actual === positiveClass });
    } else if (task === 'multiclass') {
      if (record.correct === null) continue;
      points.push({ p: record.value, hit: record.correct });
    }
  }
  return points;
}
