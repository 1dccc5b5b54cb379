import { describe, expect, it } from 'vitest';
import { mostCommonStep, orderSeries } from '../../../../src-main/data/time-series/series-order';
import { parseTimeColumn } from '../../../../src-main/data/time-series/time-values';
import { appErrorOf, expectWhere, table } from '../helpers';
import { gappyTable } from './hand-made';

describe('orderSeries', () => {
  it('splits by series, sorts by time and reports duplicates and gaps exactly', () => {
    const t = gappyTable();
    const ordered = orderSeries(t, parseTimeColumn(t, 't'), 'site');
    expect(ordered.series.map((s) => [s.key, s.rows, s.times, s.step, s.segment])).toEqual([
      ['A', [0, 1, 4, 5, 7], [1, 2, 3, 6, 7], 1, [0, 0, 0, 1, 1]],
      ['B', [11, 2, 6, 9, 10], [0, 1, 2, 4, 5], 1, [0, 0, 0, 1, 1]]
    ]);
    expect(ordered.duplicates).toEqual({
      count: 2,
      examples: [{ series: 'A', time: '2', keptLine: 3, droppedLines: [5, 10] }]
    });
    expect(ordered.gaps).toEqual({
      count: 2,
      examples: [
        { series: 'A', from: '3', to: '6', fromLine: 6, toLine: 7, steps: 3 },
        { series: 'B', from: '2', to: '4', fromLine: 8, toLine: 11, steps: 2 }
      ]
    });
    expect(ordered.summaries).toEqual([
      { series: 'A', rows: 5, first: '1', last: '7', step: 1 },
      { series: 'B', rows: 5, first: '0', last: '5', step: 1 }
    ]);
  });

  it('without a series column the table is one series', () => {
    const t = table(['t'], [['3'], ['1'], ['2']]);
    const ordered = orderSeries(t, parseTimeColumn(t, 't'), null);
    expect(ordered.series).toEqual([
      { key: null, rows: [1, 2, 0], times: [1, 2, 3], step: 1, segment: [0, 0, 0] }
    ]);
  });

  it('a given step (the trained one) is the grid: other differences are gaps', () => {
    const t = gappyTable();
    const ordered = orderSeries(t, parseTimeColumn(t, 't'), 'site', 2);
    expect(ordered.series[0]?.segment).toEqual([0, 1, 2, 3, 4]);
    expect(ordered.gaps.count).toBe(7); // A: 1, 1, 3, 1 -> 4; B: 1, 1, 2, 1 -> 3
    expect(ordered.gaps.examples[0]).toEqual({
      series: 'A',
      from: '1',
      to: '2',
      fromLine: 2,
      toLine: 3,
      steps: 0.5
    });
    expect(ordered.gaps.examples).toHaveLength(5);
  });

  it('a decimal grid (0.1 steps) has no gaps despite binary rounding', () => {
    const t = table(['t'], [['0.1'], ['0.2'], ['0.3'], ['0.4'], ['0.7']]);
    const ordered = orderSeries(t, parseTimeColumn(t, 't'), null);
    expect(ordered.series[0]?.step).toBe(0.1);
    expect(ordered.series[0]?.segment).toEqual([0, 0, 0, 0, 1]);
    expect(ordered.gaps.examples).toEqual([
      { series: null, from: '0.4', to: '0.7', fromLine: 5, toLine: 6, steps: 3 }
    ]);
  });

  it('a row without a series value fails naming its line', () => {
    const t = table(
      ['g', 't'],
      [
        ['A', '1'],
        ['', '2']
      ],
      's.csv'
    );
    const err = appErrorOf(() => orderSeries(t, parseTimeColumn(t, 't'), 'g'));
    expect(err.message).toMatch(/series column "g" is empty at line 3/);
    expectWhere(err, { file: 's.csv', row: 3, column: 'g' });
  });
});

describe('mostCommonStep', () => {
  it('is the most frequent difference, the smaller on a tie, null below two times', () => {
    expect(mostCommonStep([0, 2, 4, 5, 9, 11])).toBe(2);
    expect(mostCommonStep([0, 3, 4, 7, 8])).toBe(1);
    expect(mostCommonStep([5])).toBeNull();
  });
});
