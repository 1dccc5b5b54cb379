import type { ParsedTable } from '../../../../src-main/data/csv-table';
import type { SeriesPreprocessor } from '../../../../src-main/data/time-series/series-preprocessor';
import { table } from '../helpers';

/**
 * Two series with numeric steps, written out of order, with duplicates and one gap each. By hand
 * (lines count the header as line 1, so data row r is line r + 2):
 * - A: times 1, 2, 3, 6, 7 (rows 0, 1, 4, 5, 7); t = 2 also at lines 5 and 10 (left out, line 3 kept);
 *   step 1; gap 3 -> 6 (3 steps, lines 6 -> 7).
 * - B: times 0, 1, 2, 4, 5 (rows 11, 2, 6, 9, 10); step 1; gap 2 -> 4 (2 steps, lines 8 -> 11).
 */
export function gappyTable(): ParsedTable {
  return table(
    ['site', 't', 'v'],
    [
      ['A', '1', '10'],
      ['A', '2', '11'],
      ['B', '1', '21'],
      ['A', '2', '99'],
      ['A', '3', '12'],
      ['A', '6', '15'],
      ['B', '2', '22'],
      ['A', '7', '16'],
      ['A', '2', '98'],
      ['B', '4', '24'],
      ['B', '5', '25'],
      ['B', '0', '20']
    ],
    'gappy.csv'
  );
}

/** One regular series of 8 daily rows: y = 10 * day, f = 100 + day (days 1..8 of January 2015). */
export function dailyTable(): ParsedTable {
  return table(
    ['date', 'y', 'f'],
    Array.from({ length: 8 }, (_, i) => [`2015-01-0${i + 1}`, String(10 * (i + 1)), String(100 + i + 1)]),
    'daily.csv'
  );
}

/** W = 3, H = 2 over dailyTable, with a hand-chosen scaling: x = (value - mean) / std. */
export const DAILY_PRE: SeriesPreprocessor = {
  version: 1,
  kind: 'series',
  target: 'y',
  time: 'date',
  timeKind: 'date',
  group: null,
  window: 3,
  horizon: 2,
  features: ['f'],
  channels: ['y', 'f'],
  channelMeans: [40, 104],
  channelStds: [20, 2],
  targetMean: 45,
  targetStd: 5,
  step: 86_400_000,
  trainWindowCount: 4
};
