import type { ConformalSummary } from '@shared/domain/records';
import {
  conformalIntervals,
  conformalQuantile,
  conformalSets,
  meanSetSize,
  normalizedResiduals,
  onlineConformalQuantiles,
  setCoverage,
  trueClassScores
} from '@shared/metrics/conformal';
import { mpiw, picp } from '@shared/metrics/regression';
import type { ScoredSplit } from './score-records';

/**
 * A split-conformal calibration (beyond the paper; docs/metrics.md "Conformal prediction"):
 * regression uses the normalized residual |y - mean| / total std and gives intervals
 * mean +/- quantile x total std; classification uses 1 - p_true and gives the classes with
 * 1 - p_k <= quantile. `quantile` is +Infinity when the calibration set is too small for the level.
 */
export interface ConformalCalibration {
  kind: 'interval' | 'set';
  level: number;
  quantile: number;
  calibrationCount: number;
  /**
   * Time series: the calibration scores themselves. Forecasts are then calibrated online in time
   * order (onlineConformalQuantiles), each with the scores of the forecasts whose outcomes came
   * before it, because a later period need not be exchangeable with the validation period.
   */
  scores?: number[];
}

/** Indices of the records with a known target. */
function knownRows(split: ScoredSplit): number[] {
  return split.labels.map((_, i) => i).filter((i) => Number.isFinite(split.labels[i]));
}

/** Calibrates on the records of `validation` with a known target, in the target's units. */
export function calibrateConformal(validation: ScoredSplit, level: number): ConformalCalibration {
  const known = knownRows(validation);
  const labels = known.map((i) => validation.labels[i] as number);
  const { probs } = validation;
  const scores = probs
    ? trueClassScores(
        known.map((i) => probs[i] as number[]),
        labels
      )
    : normalizedResiduals(
        known.map((i) => validation.records[i]?.value as number),
        known.map((i) => validation.records[i]?.total as number),
        labels
      );
  return {
    kind: probs ? 'set' : 'interval',
    level,
    quantile: conformalQuantile(scores, level),
    calibrationCount: known.length,
    ...(validation.times && !probs ? { scores } : {})
  };
}

function requireKind(split: ScoredSplit, calibration: ConformalCalibration): void {
  const kind = split.probs ? 'set' : 'interval';
  if (kind !== calibration.kind) {
    throw new RangeError(
      `A conformal ${calibration.kind} calibration cannot be applied to ${split.split} records.`
    );
  }
}

/**
 * Regression: the conformal interval of every record, in the target's units, like lower/upper:
 * mean +/- q total std with the calibration's quantile, or for time series each record's online
 * quantile (the records' outcomes are revealed in time order, NaN where unknown).
 */
function intervalsOf(
  split: ScoredSplit,
  calibration: ConformalCalibration
): { lower: number[]; upper: number[] } {
  const mean = split.records.map((r) => r.value);
  const std = split.records.map((r) => r.total);
  if (!calibration.scores || !split.times) return conformalIntervals(mean, std, calibration.quantile);
  const scores = split.labels.map((y, i) =>
    Number.isFinite(y) ? Math.abs(y - (mean[i] as number)) / (std[i] as number) : Number.NaN
  );
  const q = onlineConformalQuantiles(calibration.scores, scores, split.times, calibration.level);
  const half = std.map((s, i) =>
    (q[i] as number) === Number.POSITIVE_INFINITY ? Infinity : (q[i] as number) * s
  );
  return {
    lower: mean.map((m, i) => m - (half[i] as number)),
    upper: mean.map((m, i) => m + (half[i] as number))
  };
}

/**
 * Fills every record of `split` (known target or not) with its conformal interval
 * (conformalLower / conformalUpper, target units) or prediction set (conformalSet, class labels).
 */
export function applyConformal(split: ScoredSplit, calibration: ConformalCalibration): void {
  requireKind(split, calibration);
  if (split.probs) {
    const classes = split.classes ?? [];
    conformalSets(split.probs, calibration.quantile).forEach((set, i) => {
      const record = split.records[i];
      if (record) record.conformalSet = set.map((k) => classes[k] ?? String(k));
    });
    return;
  }
  const { lower, upper } = intervalsOf(split, calibration);
  split.records.forEach((record, i) => {
    record.conformalLower = lower[i] as number;
    record.conformalUpper = upper[i] as number;
  });
}

/** Coverage on the test records with a known target, and the mean width (target units) or mean set size. */
export function conformalSummary(test: ScoredSplit, calibration: ConformalCalibration): ConformalSummary {
  requireKind(test, calibration);
  const known = knownRows(test);
  const labels = known.map((i) => test.labels[i] as number);
  const base = {
    kind: calibration.kind,
    level: calibration.level,
    quantile: calibration.quantile,
    calibrationCount: calibration.calibrationCount
  };
  if (test.probs) {
    const all = conformalSets(test.probs, calibration.quantile);
    const sets = known.map((i) => all[i] as number[]);
    return { ...base, coverage: setCoverage(sets, labels), meanSetSize: meanSetSize(sets) };
  }
  const { lower, upper } = intervalsOf(test, calibration);
  const l = known.map((i) => lower[i] as number);
  const u = known.map((i) => upper[i] as number);
  return {
    ...base,
    coverage: picp(l, u, labels),
    meanWidth: mpiw(l, u),
    ...(calibration.scores && test.times ? { adaptive: true } : {})
  };
}
