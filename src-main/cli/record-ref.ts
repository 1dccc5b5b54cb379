import { SplitSchema } from '@shared/domain/records';
import type { Split } from '@shared/domain/records';

/** One record of a run, as the storage keys it (rowIndex counts from 0 within the split). */
export interface RecordRef {
  split: Split;
  rowIndex: number;
}

/**
 * A record as the command line names it: SPLIT:ROW, with ROW counted from 1 as in the `row`
 * column of the review queue and its CSV export (e.g. test:12, scored:3).
 */
export function formatRecordRef(ref: RecordRef): string {
  return `${ref.split}:${ref.rowIndex + 1}`;
}

/** Reads SPLIT:ROW (see formatRecordRef), naming the option and the accepted form otherwise. */
export function parseRecordRef(option: string, text: string): RecordRef {
  const match = /^([a-z]+):(\d+)$/.exec(text.trim());
  const split = SplitSchema.safeParse(match?.[1]);
  const row = Number(match?.[2]);
  if (!match || !split.success || !Number.isSafeInteger(row) || row < 1) {
    throw new Error(
      `--${option} takes SPLIT:ROW as the review queue prints it (SPLIT one of ${SplitSchema.options.join(', ')}, ROW from 1; e.g. test:12), got "${text}".`
    );
  }
  return { split: split.data, rowIndex: row - 1 };
}
