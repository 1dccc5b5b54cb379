import Papa from 'papaparse';
import { REVIEW_OUTCOME_LABELS, ReviewOutcomeSchema } from '@shared/domain/review';
import type { ReviewItem, ReviewNote } from '@shared/domain/review';
import type { NotesByRecord } from './review-queue';
import { recordKey } from './review-queue';

/**
 * Text a spreadsheet would evaluate: =, +, @, tab or CR first, or a minus not starting a number
 * (negative values stay numbers).
 */
const FORMULA_START = /^[=+@\t\r]|^-(?![\d.])/;

/** A note version as one line of the audit column: when, verdict, note. */
function auditLine(note: ReviewNote): string {
  const outcome = ReviewOutcomeSchema.safeParse(note.outcome);
  const label = outcome.success ? REVIEW_OUTCOME_LABELS[outcome.data] : note.outcome;
  return `${note.createdAt} ${label}: ${note.note}`;
}

/**
 * The review queue as CSV: the record's ids, its prediction, interval, uncertainty and flags, why it
 * is in the queue, its current verdict and note, and the audit trail (every version of the note,
 * oldest first). Cells that a spreadsheet would run as a formula (=, +, -, @ first) are escaped.
 */
export function reviewCsv(items: readonly ReviewItem[], notes: NotesByRecord): string {
  const idColumns = [...new Set(items.flatMap((item) => Object.keys(item.ids)))];
  const rows = items.map((item) => {
    const history = notes.get(recordKey(item.split, item.rowIndex))?.history ?? [];
    const row: Record<string, string | number> = {};
    for (const column of idColumns) row[column] = item.ids[column] ?? '';
    Object.assign(row, {
      split: item.split,
      row: item.rowIndex + 1,
      actual: item.actual ?? '',
      prediction: item.prediction,
      value: item.value,
      lower: item.lower,
      upper: item.upper,
      epistemic: item.epistemic,
      total_uncertainty: item.total,
      ood_score: item.oodScore,
      ood_flag: item.oodFlag ? 1 : 0,
      reasons: item.reasons.join(';'),
      outcome: item.review?.outcome ?? '',
      note: item.review?.note ?? '',
      reviewed_at: item.review?.createdAt ?? '',
      versions: history.length,
      audit: history.map(auditLine).join(' | ')
    });
    return row;
  });
  const fields = [
    ...idColumns,
    'split',
    'row',
    'actual',
    'prediction',
    'value',
    'lower',
    'upper',
    'epistemic',
    'total_uncertainty',
    'ood_score',
    'ood_flag',
    'reasons',
    'outcome',
    'note',
    'reviewed_at',
    'versions',
    'audit'
  ];
  const csv = Papa.unparse(
    { fields, data: rows.map((r) => fields.map((f) => r[f] ?? '')) },
    { newline: '\n', escapeFormulae: FORMULA_START }
  );
  return `${csv}\n`;
}
