import { describe, expect, it } from 'vitest';
import {
  emptyWindowCounts,
  summarizeSeriesReport
} from '../../../../src-main/data/time-series/series-report';
import type { SeriesReport } from '../../../../src-main/data/time-series/series-report';

const DAY = 86_400_000;

describe('summarizeSeriesReport', () => {
  it('writes one line per series, then duplicates, gaps, windows and imputations with examples', () => {
    const report: SeriesReport = {
      timeColumn: 'date',
      timeKind: 'date',
      group: 'city',
      series: [
        { series: 'Oslo', rows: 30, first: '2015-01-01', last: '2015-01-31', step: DAY },
        { series: 'Bergen', rows: 1, first: '2015-01-01', last: '2015-01-01', step: null }
      ],
      duplicates: {
        count: 3,
        examples: [{ series: 'Oslo', time: '2015-01-02', keptLine: 3, droppedLines: [4, 9, 12] }]
      },
      gaps: {
        count: 1,
        examples: [
          { series: 'Oslo', from: '2015-01-10', to: '2015-01-13', fromLine: 11, toLine: 12, steps: 3 }
        ]
      },
      windows: { kept: 10, acrossGaps: 4, withoutTarget: 1, atSplitBoundaries: 6, touchingOod: 0, imputed: 2 }
    };
    expect(summarizeSeriesReport(report)).toEqual([
      'Series Oslo: 30 rows from 2015-01-01 to 2015-01-31, step 1 day.',
      'Series Bergen: 1 row from 2015-01-01 to 2015-01-01, a single row.',
      '3 rows left out as duplicate timestamps (the first row is kept). 2015-01-02 (Oslo): kept line 3, left out 4, 9, 12.',
      '1 gap in time: no window spans one. 2015-01-10 -> 2015-01-13 (Oslo), lines 11-12, 3 steps.',
      '10 windows kept; skipped 4 across a gap, 1 without a target value, 6 at split boundaries.',
      '2 windows had missing inputs imputed with the training mean.'
    ]);
  });

  it('a clean single series gives two lines', () => {
    const report: SeriesReport = {
      timeColumn: 't',
      timeKind: 'number',
      group: null,
      series: [{ series: null, rows: 5, first: '1', last: '5', step: 1 }],
      duplicates: { count: 0, examples: [] },
      gaps: { count: 0, examples: [] },
      windows: { ...emptyWindowCounts(), kept: 1 }
    };
    expect(summarizeSeriesReport(report)).toEqual([
      'The series: 5 rows from 1 to 5, step 1 time unit.',
      '1 window kept.'
    ]);
  });
});
