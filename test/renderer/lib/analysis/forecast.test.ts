import { describe, expect, it } from 'vitest';
import type { RecordPrediction } from '@shared/domain/records';
import {
  clampRange,
  compareTimes,
  forecastSeries,
  panRange,
  zoomRange
} from '../../../../src-renderer/lib/analysis/forecast';

const record = (
  rowIndex: number,
  location: string,
  date: string,
  actual: string | null,
  split: 'test' | 'ood' = 'test',
  oodFlag = false
): RecordPrediction => ({
  rowIndex,
  split,
  ids: { location, date },
  actual,
  prediction: String(rowIndex),
  value: rowIndex,
  lower: rowIndex - 1,
  upper: rowIndex + 1,
  epistemic: 0.1,
  aleatoric: 0.5,
  total: 0.51,
  oodScore: 0.51,
  oodFlag,
  imputed: [],
  correct: null
});

describe('forecastSeries', () => {
  it('groups windows by series, orders them by target time and keeps the values of each window', () => {
    const records = [
      record(7, 'Seattle', '2015-12-03', '8.9'),
      record(1, 'New York', '2015-12-02', '5.6', 'ood', true),
      record(5, 'Seattle', '2015-12-01', '10'),
      record(6, 'Seattle', '2015-12-02', null),
      record(2, 'New York', '2015-12-01', '7.2', 'ood')
    ];
    const series = forecastSeries(records, { time: 'date', group: 'location' });
    expect(series.map((s) => [s.name, s.oodOnly])).toEqual([
      ['New York', true],
      ['Seattle', false]
    ]);
    const seattle = series[1]?.points ?? [];
    expect(seattle.map((p) => p.time)).toEqual(['2015-12-01', '2015-12-02', '2015-12-03']);
    expect(seattle.map((p) => p.actual)).toEqual([10, null, 8.9]);
    expect(seattle[0]).toEqual({
      time: '2015-12-01',
      actual: 10,
      mean: 5,
      lower: 4,
      upper: 6,
      split: 'test',
      oodFlag: false,
      rowIndex: 5
    });
    expect(series[0]?.points.map((p) => p.oodFlag)).toEqual([false, true]);
  });

  it('puts every window in one series without a series column and skips windows without a time', () => {
    const records = [record(3, 'x', '10', '1'), record(4, 'y', '9', '2'), record(5, 'z', '', '3')];
    delete records[2]?.ids['date'];
    const series = forecastSeries(records, { time: 'date' });
    expect(series).toHaveLength(1);
    expect(series[0]?.name).toBe('');
    // Numeric steps sort numerically: 9 before 10.
    expect(series[0]?.points.map((p) => p.time)).toEqual(['9', '10']);
  });
});

describe('compareTimes', () => {
  it('orders numbers numerically, dates chronologically and other text lexically', () => {
    expect(['10', '9', '100'].sort(compareTimes)).toEqual(['9', '10', '100']);
    expect(['3/1/2015', '12/31/2014'].sort(compareTimes)).toEqual(['12/31/2014', '3/1/2015']);
    expect(['b', 'a'].sort(compareTimes)).toEqual(['a', 'b']);
  });
});

describe('time range zoom and pan', () => {
  it('zooms about the centre and never beyond the series', () => {
    expect(zoomRange({ start: 0, end: 99 }, 0.5, 100)).toEqual({ start: 25, end: 74 });
    expect(zoomRange({ start: 25, end: 74 }, 2, 100)).toEqual({ start: 0, end: 99 });
    expect(zoomRange({ start: 90, end: 99 }, 4, 100)).toEqual({ start: 60, end: 99 });
    // At least two points stay visible.
    expect(zoomRange({ start: 10, end: 11 }, 0.1, 100)).toEqual({ start: 10, end: 11 });
  });

  it('pans by a fraction of the visible width and stops at either end', () => {
    expect(panRange({ start: 20, end: 39 }, 0.5, 100)).toEqual({ start: 30, end: 49 });
    expect(panRange({ start: 20, end: 39 }, -2, 100)).toEqual({ start: 0, end: 19 });
    expect(panRange({ start: 80, end: 99 }, 0.5, 100)).toEqual({ start: 80, end: 99 });
    // Half of an odd width rounds the same way in both directions: back and forth returns home.
    expect(panRange({ start: 38, end: 112 }, -0.5, 150)).toEqual({ start: 0, end: 74 });
    expect(panRange({ start: 0, end: 74 }, 0.5, 150)).toEqual({ start: 38, end: 112 });
  });

  it('clamps a range to the series length', () => {
    expect(clampRange({ start: -5, end: 3 }, 100)).toEqual({ start: 0, end: 8 });
    expect(clampRange({ start: 0, end: 50 }, 10)).toEqual({ start: 0, end: 9 });
    expect(clampRange({ start: 0, end: 0 }, 0)).toEqual({ start: 0, end: 0 });
  });
});
