import { describe, expect, it } from 'vitest';
import type { ReviewItem, ReviewNote, ReviewQueue } from '@shared/domain/review';
import {
  formatIds,
  formatValue,
  historyLines,
  retainedLine,
  reviewQueueLines,
  reviewTable
} from '../../../src-main/cli/review-table';

function note(id: number, outcome: string, text: string, supersedesId: number | null): ReviewNote {
  return {
    id,
    runId: 3,
    split: 'test',
    rowIndex: 4,
    outcome,
    note: text,
    createdAt: `2026-01-0${id}T10:00:00.000Z`,
    supersedesId
  };
}

/** Two hand-made queue items: a reviewed test record (corrected once) and a pending scored one. */
const ITEMS: ReviewItem[] = [
  {
    rowIndex: 4,
    split: 'test',
    ids: { pid: '12' },
    actual: 'yes',
    prediction: 'no',
    value: 0.48213,
    lower: 0.312345,
    upper: 0.6,
    epistemic: 0.01,
    aleatoric: 0.68,
    total: 0.692871,
    oodScore: 0.01,
    oodFlag: false,
    imputed: [],
    correct: false,
    reasons: ['uncertain'],
    review: note(2, 'confirmed', 'ok', 1),
    versions: 2
  },
  {
    rowIndex: 0,
    split: 'scored',
    ids: { file: 'new.csv', row: '1' },
    actual: null,
    prediction: 'yes',
    value: 0.9,
    lower: 0.85,
    upper: 1234.5678,
    epistemic: 0.2,
    aleatoric: 0.1,
    total: 0.3,
    oodScore: 0.2,
    oodFlag: true,
    imputed: [],
    correct: null,
    reasons: ['ood', 'wide'],
    review: null,
    versions: 0
  }
];

const RETENTION: ReviewQueue['retention'] = {
  metric: 'accuracy',
  points: [
    { referPercent: 0, value: 0.8, kept: 20 },
    { referPercent: 10, value: 0.83333, kept: 18 }
  ]
};

describe('the review queue as text', () => {
  it('formats values to four significant digits and ids as name=value pairs', () => {
    expect(formatValue(0.312345)).toBe('0.3123');
    expect(formatValue(1234.5678)).toBe('1235');
    expect(formatValue(0.6)).toBe('0.6');
    expect(formatValue(Number.NaN)).toBe('NaN');
    expect(formatIds({ file: 'a.csv', row: '7' })).toBe('file=a.csv row=7');
    expect(formatIds({})).toBe('-');
  });

  it('tabulates the records with SPLIT:ROW counted from 1, the interval, reasons and outcome', () => {
    expect(reviewTable(ITEMS)).toEqual([
      'record    ids                 prediction  interval       uncertainty  reasons    outcome',
      'test:5    pid=12              no          [0.3123, 0.6]  0.6929       uncertain  confirmed (2 versions)',
      'scored:1  file=new.csv row=1  yes         [0.85, 1235]   0.3          ood,wide   pending'
    ]);
  });

  it('states the metric kept at the refer %, beside the value with none referred', () => {
    expect(retainedLine(RETENTION, 10)).toBe(
      'Referring the 10% most uncertain test records: accuracy 0.8333 on the 18 kept (0.8000 with none referred).'
    );
    expect(retainedLine(RETENTION, 60)).toBe(
      'Retained accuracy is computed for whole percentages from 0 to 50; --refer 60 is not one of them.'
    );
    expect(retainedLine({ metric: 'MAE', points: [] }, 10)).toBe(
      'Retained MAE: none (the run has no labelled test records).'
    );
  });

  it('heads the queue with its counts and says when a page holds only part of it', () => {
    const queue: ReviewQueue = {
      total: 3,
      records: ITEMS,
      counts: { ood: 1, wide: 1, uncertain: 2, reviewed: 1 },
      retention: RETENTION
    };
    const lines = reviewQueueLines(3, queue, 'pending', 10);
    expect(lines[0]).toBe(
      'Review queue of run 3: 3 pending records (whole queue by reason: ood 1, wide 1, uncertain 2; 1 reviewed).'
    );
    expect(lines.slice(1, 4)).toEqual(reviewTable(ITEMS));
    expect(lines[4]).toBe('Showing 2 of 3; --limit N shows more, --csv FILE writes the whole queue.');
    expect(lines[5]).toBe(retainedLine(RETENTION, 10));
    expect(lines).toHaveLength(6);
    const empty = reviewQueueLines(3, { ...queue, total: 0, records: [] }, 'all', 10);
    expect(empty.slice(0, 2)).toEqual([
      'Review queue of run 3: 0 records (whole queue by reason: ood 1, wide 1, uncertain 2; 1 reviewed).',
      'No records to show with these options.'
    ]);
  });

  it('lists every version of a note oldest first, the last marked current, one line each', () => {
    const history = [note(1, 'wrong', 'first\nlook', null), note(2, 'confirmed', 'ok', 1)];
    expect(historyLines(3, 'test:5', history)).toEqual([
      'Review notes of record test:5 of run 3, oldest first:',
      '  v1  2026-01-01T10:00:00.000Z  wrong                first look',
      '  v2  2026-01-02T10:00:00.000Z  confirmed (current)  ok'
    ]);
    expect(historyLines(3, 'test:5', [])).toEqual(['Record test:5 of run 3 has no review notes yet.']);
  });
});
