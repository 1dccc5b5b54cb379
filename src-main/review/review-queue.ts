import type { Task } from '@shared/domain/config';
import type { RecordPrediction } from '@shared/domain/records';
import type { ReviewFilter, ReviewItem, ReviewNote, ReviewQueue, ReviewReason } from '@shared/domain/review';
import { metricAtRetention } from '@shared/metrics/selective';

/** Refer shares the slider offers, 0..50 % in steps of 1 %. */
export const REFER_PERCENTS: readonly number[] = Array.from({ length: 51 }, (_, p) => p);

/** The current note of each reviewed record and every version of it, oldest first, by recordKey(). */
export type NotesByRecord = Map<string, { current: ReviewNote; history: ReviewNote[] }>;

export function recordKey(split: string, rowIndex: number): string {
  return `${split}:${rowIndex}`;
}

/**
 * Groups a run's notes (every version) by record. Versions are ordered by id, which is their order
 * of writing; the current one is the version no other supersedes.
 */
export function notesByRecord(all: readonly ReviewNote[]): NotesByRecord {
  const grouped = new Map<string, ReviewNote[]>();
  for (const note of [...all].sort((a, b) => a.id - b.id)) {
    const key = recordKey(note.split, note.rowIndex);
    grouped.set(key, [...(grouped.get(key) ?? []), note]);
  }
  const result: NotesByRecord = new Map();
  for (const [key, history] of grouped) {
    const superseded = new Set(history.map((n) => n.supersedesId));
    const current = history.find((n) => !superseded.has(n.id)) ?? (history.at(-1) as ReviewNote);
    result.set(key, { current, history });
  }
  return result;
}

/** Most uncertain first (total uncertainty: entropy of p_bar, or the total predictive std); ties by split, row. */
function byUncertainty(a: RecordPrediction, b: RecordPrediction): number {
  const ta = Number.isFinite(a.total) ? a.total : -Infinity;
  const tb = Number.isFinite(b.total) ? b.total : -Infinity;
  return tb - ta || a.split.localeCompare(b.split) || a.rowIndex - b.rowIndex;
}

/**
 * The test metric of the records kept when the refer % most uncertain go to a person: accuracy
 * (classification) or MAE (regression) of the ceil((1 - p/100) n) least uncertain labelled test
 * records (METHOD.md section 6, selective prediction).
 */
function retentionCurve(records: readonly RecordPrediction[], task: Task): ReviewQueue['retention'] {
  const metric = task === 'regression' ? 'MAE' : 'accuracy';
  const test = records.filter((r) =>
    task === 'regression' ? r.actual !== null && Number.isFinite(Number(r.actual)) : r.correct !== null
  );
  if (test.length === 0) return { metric, points: [] };
  const uncertainty = test.map((r) => r.total);
  const score =
    task === 'regression'
      ? (kept: number[]) =>
          kept.reduce((sum, i) => {
            const r = test[i] as RecordPrediction;
            return sum + Math.abs(Number(r.actual) - r.value);
          }, 0) / kept.length
      : (kept: number[]) => kept.filter((i) => test[i]?.correct === true).length / kept.length;
  const levels = REFER_PERCENTS.map((p) => 1 - p / 100);
  return {
    metric,
    points: metricAtRetention(uncertainty, score, levels).map((point, i) => ({
      referPercent: REFER_PERCENTS[i] as number,
      value: point.value,
      kept: point.count
    }))
  };
}

/**
 * The review queue of a run (every record of the test, OOD and scored splits): a record enters it
 * when it is flagged out-of-distribution (includeOod), its interval is wider than widthAbove, or it
 * is among the referPercent % most uncertain. Ordered most uncertain first, each with its reasons
 * and its current review note.
 */
export function buildReviewQueue(
  records: readonly RecordPrediction[],
  notes: NotesByRecord,
  filter: Pick<ReviewFilter, 'referPercent' | 'widthAbove' | 'includeOod'>,
  task: Task
): Omit<ReviewQueue, 'total' | 'records'> & { items: ReviewItem[] } {
  const ordered = [...records].sort(byUncertainty);
  const referred = Math.ceil((filter.referPercent / 100) * ordered.length - 1e-9);
  const counts = { ood: 0, wide: 0, uncertain: 0, reviewed: 0 };
  const items: ReviewItem[] = [];
  ordered.forEach((record, rank) => {
    const reasons: ReviewReason[] = [];
    if (filter.includeOod && record.oodFlag) reasons.push('ood');
    if (filter.widthAbove !== null && record.upper - record.lower > filter.widthAbove) reasons.push('wide');
    if (rank < referred) reasons.push('uncertain');
    if (reasons.length === 0) return;
    for (const reason of reasons) counts[reason]++;
    const note = notes.get(recordKey(record.split, record.rowIndex));
    if (note) counts.reviewed++;
    items.push({ ...record, reasons, review: note?.current ?? null, versions: note?.history.length ?? 0 });
  });
  return {
    items,
    counts,
    retention: retentionCurve(
      records.filter((r) => r.split === 'test'),
      task
    )
  };
}
