/**
 * Out-of-distribution detection metrics (METHOD.md section 6): an in-distribution test set against an
 * OOD set, scored by the OOD score (MI for classification, predictive std for regression; higher = more OOD).
 */
import type { OodMetrics } from '@shared/domain/records';
import { mean } from './check';
import { auroc, averagePrecision, fprAtTpr } from './ranking';

/**
 * AUROC, AUPR-Out and FPR95 take OOD as the positive class; FPR95 is the false-alarm rate on ID rows at
 * the first threshold detecting 95% of OOD rows. AUPR-In takes ID as positive with the negated score.
 * scoreRatio is mean(OOD scores) / mean(ID scores) (the MI ratio of METHOD.md section 6); it is left
 * out when the ID mean is 0 (e.g. a deterministic network, whose MI is 0 everywhere), as the ratio
 * is then undefined and JSON could not carry it.
 */
export function oodMetrics(idScores: readonly number[], oodScores: readonly number[]): OodMetrics {
  if (idScores.length === 0 || oodScores.length === 0) {
    throw new RangeError('oodMetrics: needs at least one in-distribution and one OOD score');
  }
  const scores = [...idScores, ...oodScores];
  const ratio = meanRatio(oodScores, idScores);
  const oodPositive = [...idScores.map(() => 0), ...oodScores.map(() => 1)];
  return {
    auroc: auroc(scores, oodPositive),
    auprOut: averagePrecision(scores, oodPositive),
    auprIn: averagePrecision(
      scores.map((s) => -s),
      oodPositive.map((y) => 1 - y)
    ),
    fpr95: fprAtTpr(scores, oodPositive, 0.95),
    ...(Number.isFinite(ratio) ? { scoreRatio: ratio } : {})
  };
}

/**
 * OOD flag threshold from held-out in-distribution scores: with the scores sorted ascending
 * s_(1) <= ... <= s_(n), threshold = s_(k), k = ceil((1 - rate) n) (the inverted-CDF empirical quantile,
 * numpy method 'inverted_cdf'). A record is flagged when score > threshold, so at most a fraction
 * `rate` of the held-out ID records are flagged (fewer when scores tie at the threshold).
 */
export function calibrateOodThreshold(idScores: readonly number[], falseAlarmRate: number): number {
  if (idScores.length === 0) throw new RangeError('calibrateOodThreshold: needs at least one score');
  if (!(falseAlarmRate > 0 && falseAlarmRate < 1)) {
    throw new RangeError(
      `calibrateOodThreshold: the false-alarm rate must be in (0, 1), got ${falseAlarmRate}`
    );
  }
  const sorted = [...idScores].sort((a, b) => a - b);
  const n = sorted.length;
  // The tolerance keeps (1 - 0.05) * 100 = 95.00000000000001 from rounding up to 96.
  const k = Math.min(n, Math.max(1, Math.ceil((1 - falseAlarmRate) * n - 1e-9)));
  return sorted[k - 1] as number;
}

/** mean(ood) / mean(id): the MI ratio of METHOD.md section 6 (NaN when the ID mean is 0). */
export function meanRatio(oodScores: readonly number[], idScores: readonly number[]): number {
  if (idScores.length === 0 || oodScores.length === 0)
    throw new RangeError('meanRatio: needs scores on both sides');
  const id = mean(idScores);
  return id === 0 ? Number.NaN : mean(oodScores) / id;
}
