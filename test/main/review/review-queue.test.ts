import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { ReviewNote } from '@shared/domain/review';
import { buildReviewQueue, notesByRecord } from '../../../src-main/review/review-queue';
import { reviewCsv } from '../../../src-main/review/review-csv';
import { prediction } from '../storage/storage-fixtures';

/** Five test records and one OOD record with hand-chosen uncertainty, correctness and intervals. */
const records = [
  prediction('test', 0, { total: 0.1, correct: true, lower: 0.7, upper: 0.8 }),
  prediction('test', 1, { total: 0.9, correct: false, lower: 0.1, upper: 0.9 }),
  prediction('test', 2, { total: 0.5, correct: true, lower: 0.4, upper: 0.7 }),
  prediction('test', 3, { total: 0.7, correct: false, lower: 0.2, upper: 0.6 }),
  prediction('test', 4, { total: 0.3, correct: true, lower: 0.5, upper: 0.6 }),
  prediction('ood', 0, { total: 0.2, correct: null, oodFlag: true, lower: 0.3, upper: 0.5 })
];

const note = (
  id: number,
  rowIndex: number,
  outcome: string,
  text: string,
  supersedesId: number | null
): ReviewNote => ({
  id,
  runId: 1,
  split: 'test',
  rowIndex,
  outcome,
  note: text,
  createdAt: `2026-11-26T10:00:0${id}.000Z`,
  supersedesId
});

describe('buildReviewQueue', () => {
  it('takes flagged, wide and most-uncertain records, most uncertain first, with their reasons', () => {
    // 6 records, refer 34 %: ceil(2.04) = 3 most uncertain are test 1 (0.9), 3 (0.7), 2 (0.5).
    const queue = buildReviewQueue(
      records,
      new Map(),
      { referPercent: 34, widthAbove: 0.35, includeOod: true },
      'binary'
    );
    expect(queue.items.map((i) => `${i.split}${i.rowIndex}:${i.reasons.join('+')}`)).toEqual([
      'test1:wide+uncertain', // width 0.8
      'test3:wide+uncertain', // width 0.4
      'test2:uncertain', // width 0.3
      'ood0:ood' // width 0.2, total 0.2 (rank 5)
    ]);
    expect(queue.counts).toEqual({ ood: 1, wide: 2, uncertain: 3, reviewed: 0 });
  });

  it('the slider curve gives the accuracy of the least uncertain test records kept', () => {
    const queue = buildReviewQueue(
      records,
      new Map(),
      { referPercent: 0, widthAbove: null, includeOod: false },
      'binary'
    );
    expect(queue.items).toEqual([]);
    const at = (p: number) => queue.retention.points.find((x) => x.referPercent === p);
    // Sorted by total: test0 (ok) 4 (ok) 2 (ok) 3 (wrong) 1 (wrong).
    expect(queue.retention.metric).toBe('accuracy');
    expect(at(0)).toEqual({ referPercent: 0, value: 3 / 5, kept: 5 });
    // Refer 20 %: keep ceil(0.8 * 5) = 4 records, 3 correct.
    expect(at(20)).toEqual({ referPercent: 20, value: 3 / 4, kept: 4 });
    // Refer 40 %: keep 3, all correct.
    expect(at(40)).toEqual({ referPercent: 40, value: 1, kept: 3 });
    expect(queue.retention.points).toHaveLength(51);
  });

  it('regression: the curve is the MAE of the kept records', () => {
    const reg = [
      prediction('test', 0, { actual: '10', value: 11, total: 1 }),
      prediction('test', 1, { actual: '-2', value: 2, total: 3 })
    ];
    const queue = buildReviewQueue(
      reg,
      new Map(),
      { referPercent: 50, widthAbove: null, includeOod: true },
      'regression'
    );
    expect(queue.retention.metric).toBe('MAE');
    expect(queue.retention.points[0]).toEqual({ referPercent: 0, value: (1 + 4) / 2, kept: 2 });
    expect(queue.retention.points[50]).toEqual({ referPercent: 50, value: 1, kept: 1 });
    expect(queue.items.map((i) => i.rowIndex)).toEqual([1]);
  });

  it('attaches the current note and counts every version', () => {
    const notes = notesByRecord([
      note(1, 1, 'confirmed', 'first look', null),
      note(2, 1, 'wrong', 'lab value was wrong', 1)
    ]);
    const queue = buildReviewQueue(
      records,
      notes,
      { referPercent: 20, widthAbove: null, includeOod: false },
      'binary'
    );
    expect(queue.items[0]?.review?.note).toBe('lab value was wrong');
    expect(queue.items[0]?.versions).toBe(2);
    expect(queue.counts.reviewed).toBe(1);
  });
});

describe('reviewCsv', () => {
  it('writes ids, prediction, flags, the current note and the audit trail; formulas are escaped, negatives kept', () => {
    const notes = notesByRecord([
      note(1, 1, 'confirmed', 'first look', null),
      note(2, 1, 'wrong', '=HYPERLINK("x")', 1)
    ]);
    const items = buildReviewQueue(
      [prediction('test', 1, { total: 0.9, actual: '-3.5', oodFlag: true })],
      notes,
      { referPercent: 100, widthAbove: null, includeOod: true },
      'binary'
    ).items;
    const parsed = Papa.parse<Record<string, string>>(reviewCsv(items, notes), {
      header: true,
      skipEmptyLines: true
    });
    expect(parsed.data).toHaveLength(1);
    const row = parsed.data[0] ?? {};
    expect(row).toMatchObject({
      patient: 'P1',
      split: 'test',
      row: '2',
      actual: '-3.5',
      ood_flag: '1',
      reasons: 'ood;uncertain',
      outcome: 'wrong',
      note: `'=HYPERLINK("x")`,
      versions: '2'
    });
    expect(row.audit).toBe(
      `2026-11-26T10:00:01.000Z Prediction confirmed: first look | 2026-11-26T10:00:02.000Z Prediction wrong: =HYPERLINK("x")`
    );
  });
});
