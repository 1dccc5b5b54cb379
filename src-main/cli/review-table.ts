import type { ReviewItem, ReviewNote, ReviewQueue } from '@shared/domain/review';
import { formatRecordRef } from './record-ref';
import { formatMetric } from './run-summary';
import { formatTable } from './text-table';

/** A prediction, bound or uncertainty as the queue shows it: four significant digits. */
export function formatValue(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
}

/** The record's id columns as name=value pairs; '-' when the file had none. */
export function formatIds(ids: Record<string, string>): string {
  const pairs = Object.entries(ids).map(([name, value]) => `${name}=${value}`);
  return pairs.length > 0 ? pairs.join(' ') : '-';
}

/** The record's current verdict, 'pending' before any note; how many versions when corrected. */
function outcomeCell(item: ReviewItem): string {
  if (!item.review) return 'pending';
  return item.versions > 1 ? `${item.review.outcome} (${item.versions} versions)` : item.review.outcome;
}

/**
 * The queue as aligned columns, in the order the main side gives it (most uncertain first): where
 * the record is (SPLIT:ROW, as --note and --history take it), its ids, prediction, interval, total
 * uncertainty, why it is in the queue and its current outcome.
 */
export function reviewTable(records: readonly ReviewItem[]): string[] {
  const header = ['record', 'ids', 'prediction', 'interval', 'uncertainty', 'reasons', 'outcome'];
  const rows = records.map((item) => [
    formatRecordRef(item),
    formatIds(item.ids),
    item.prediction,
    `[${formatValue(item.lower)}, ${formatValue(item.upper)}]`,
    formatValue(item.total),
    item.reasons.join(','),
    outcomeCell(item)
  ]);
  return formatTable([header, ...rows]);
}

/**
 * The test metric kept when the refer % most uncertain records go to a person (METHOD.md section 6,
 * selective prediction), beside its value when none is referred. The main side computes it for
 * whole percentages from 0 to 50.
 */
export function retainedLine(retention: ReviewQueue['retention'], referPercent: number): string {
  const { metric, points } = retention;
  if (points.length === 0) return `Retained ${metric}: none (the run has no labelled test records).`;
  const point = points.find((p) => p.referPercent === referPercent);
  const all = points.find((p) => p.referPercent === 0);
  if (!point) {
    return `Retained ${metric} is computed for whole percentages from 0 to 50; --refer ${referPercent} is not one of them.`;
  }
  const baseline = all ? ` (${formatMetric(all.value)} with none referred)` : '';
  return `Referring the ${referPercent}% most uncertain test records: ${metric} ${formatMetric(point.value)} on the ${point.kept} kept${baseline}.`;
}

/** What `review` prints: the counts, the table (or that it is empty), what is not shown, the retained metric. */
export function reviewQueueLines(
  runId: number,
  queue: ReviewQueue,
  status: 'all' | 'pending' | 'reviewed',
  referPercent: number
): string[] {
  const { ood, wide, uncertain, reviewed } = queue.counts;
  const which = status === 'all' ? '' : ` ${status}`;
  const lines = [
    `Review queue of run ${runId}: ${queue.total}${which} record${queue.total === 1 ? '' : 's'} (whole queue by reason: ood ${ood}, wide ${wide}, uncertain ${uncertain}; ${reviewed} reviewed).`
  ];
  if (queue.records.length === 0) lines.push('No records to show with these options.');
  else lines.push(...reviewTable(queue.records));
  if (queue.records.length < queue.total) {
    lines.push(
      `Showing ${queue.records.length} of ${queue.total}; --limit N shows more, --csv FILE writes the whole queue.`
    );
  }
  lines.push(retainedLine(queue.retention, referPercent));
  return lines;
}

/** Every version of one record's note, oldest first; the last is the current one. */
export function historyLines(runId: number, ref: string, history: readonly ReviewNote[]): string[] {
  if (history.length === 0) return [`Record ${ref} of run ${runId} has no review notes yet.`];
  const rows = history.map((note, i) => [
    `v${i + 1}`,
    note.createdAt,
    i === history.length - 1 ? `${note.outcome} (current)` : note.outcome,
    // One line per version, whatever line breaks the note has.
    note.note.replace(/\s*\n\s*/g, ' ')
  ]);
  return [
    `Review notes of record ${ref} of run ${runId}, oldest first:`,
    ...formatTable(rows).map((l) => `  ${l}`)
  ];
}
