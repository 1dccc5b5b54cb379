import type { RecordPrediction } from '@shared/domain/records';

/** Which interval the Records view shows: the Bayesian predictive one or the split-conformal one. */
export type IntervalMode = 'bayesian' | 'conformal';

/** What the Interval column shows for a record: a range (any task) or a conformal class set. */
export type ShownInterval =
  | { kind: 'range'; lower: number; upper: number }
  | { kind: 'set'; classes: string[] }
  | { kind: 'none' };

/**
 * The record's interval in the chosen mode. Conformal: [conformalLower, conformalUpper] for
 * regression, the prediction set for classification; none when the record has neither.
 */
export function shownInterval(record: RecordPrediction, mode: IntervalMode): ShownInterval {
  if (mode === 'bayesian') return { kind: 'range', lower: record.lower, upper: record.upper };
  if (record.conformalLower !== undefined && record.conformalUpper !== undefined)
    return { kind: 'range', lower: record.conformalLower, upper: record.conformalUpper };
  if (record.conformalSet !== undefined) return { kind: 'set', classes: record.conformalSet };
  return { kind: 'none' };
}

/** The range the page's interval bars share: the union of the shown ranges, or null when none. */
export function rangeOf(intervals: readonly ShownInterval[]): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const interval of intervals) {
    if (interval.kind !== 'range') continue;
    min = Math.min(min, interval.lower);
    max = Math.max(max, interval.upper);
  }
  return Number.isFinite(min) ? { min, max } : null;
}
