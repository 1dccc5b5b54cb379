import { describe, expect, it } from 'vitest';
import type { ParsedTable } from '../../../../src-main/data/csv-table';
import { encodeWindows } from '../../../../src-main/data/time-series/series-preprocessor';
import type { SeriesPreprocessor } from '../../../../src-main/data/time-series/series-preprocessor';
import { loadSeries } from '../../../../src-main/data/time-series/series-source';
import { listWindows } from '../../../../src-main/data/time-series/windows';
import { DAILY_PRE as PRE, dailyTable, gappyTable } from './hand-made';

function encodeAll(t: ParsedTable) {
  const source = loadSeries(t, { time: 'date', group: null, target: 'y', features: ['f'] });
  const { windows } = listWindows(source.ordered.series, PRE.window, PRE.horizon);
  return { windows, split: encodeWindows(PRE, source, windows) };
}

/** x of window i as [step][channel]. */
function steps(x: Float32Array, i: number): number[][] {
  return [0, 1, 2].map((k) => [x[(i * 3 + k) * 2] as number, x[(i * 3 + k) * 2 + 1] as number]);
}

describe('listWindows', () => {
  it('builds every window t = W-1 .. n-1-H of each series and skips those spanning a gap', () => {
    const source = loadSeries(gappyTable(), { time: 't', group: 'site', target: 'v', features: [] });
    // A and B each: positions 0-2 gap-free, 3-4 after the gap; W = 2, H = 1 -> only end 1 stays inside one segment.
    expect(listWindows(source.ordered.series, 2, 1)).toEqual({
      windows: [
        { series: 0, end: 1, target: 2 },
        { series: 1, end: 1, target: 2 }
      ],
      acrossGaps: 4
    });
    expect(listWindows(source.ordered.series, 1, 1).windows).toHaveLength(6);
    expect(listWindows(source.ordered.series, 4, 1)).toEqual({ windows: [], acrossGaps: 2 });
  });
});

describe('encodeWindows', () => {
  it('inputs are steps t-2..t of both channels, the label is the target at t+2 (hand-worked)', () => {
    const { windows, split } = encodeAll(dailyTable());
    expect(windows.map((w) => [w.end, w.target])).toEqual([
      [2, 4],
      [3, 5],
      [4, 6],
      [5, 7]
    ]);
    expect([split.n, split.window, split.channels, split.x.length]).toEqual([4, 3, 2, 24]);
    // Window 0: days 1-3 -> y (10, 20, 30), f (101, 102, 103); label day 5 = 50.
    expect(steps(split.x, 0)).toEqual([
      [-1.5, -1.5],
      [-1, -1],
      [-0.5, -0.5]
    ]);
    // Window 3: days 4-6 -> y (40, 50, 60), f (104, 105, 106); label day 8 = 80.
    expect(steps(split.x, 3)).toEqual([
      [0, 0],
      [0.5, 0.5],
      [1, 1]
    ]);
    expect(Array.from(split.y)).toEqual([1, 3, 5, 7]);
    expect(split.rows).toEqual([4, 5, 6, 7]);
    expect(split.lines).toEqual([6, 7, 8, 9]);
    expect(split.ids).toEqual(['05', '06', '07', '08'].map((d) => ({ date: `2015-01-${d}` })));
    expect(split.raw).toEqual(['50', '60', '70', '80']);
    expect(split.lastObserved).toEqual([30, 40, 50, 60]);
    expect(split.imputed).toEqual([[], [], [], []]);
  });

  it('no value after step t enters the inputs: changing every later row leaves x unchanged', () => {
    const base = encodeAll(dailyTable()).split;
    for (let end = 2; end <= 5; end++) {
      const t = dailyTable();
      for (let r = end + 1; r < t.rows.length; r++) t.rows[r] = [t.rows[r]?.[0] as string, '1e6', '-1e6'];
      const changed = encodeAll(t).split;
      const i = end - 2;
      expect(steps(changed.x, i)).toEqual(steps(base.x, i));
      expect(changed.lastObserved[i]).toBe(base.lastObserved[i]);
      // The label itself lies after t and does change: the test would notice a window reading it.
      expect(changed.y[i]).not.toBe(base.y[i]);
    }
  });

  it('missing inputs become the training mean (0) and are named per step; a missing label is NaN', () => {
    const t = dailyTable();
    t.rows[1] = ['2015-01-02', 'NA', '102']; // y at day 2
    t.rows[2] = ['2015-01-03', '30', '']; // f at day 3
    t.rows[5] = ['2015-01-06', '', '106']; // y at day 6: also the label of window 1
    const { split } = encodeAll(t);
    expect(split.imputed).toEqual([['y[t-1]', 'f[t]'], ['y[t-2]', 'f[t-1]'], ['f[t-2]'], ['y[t]']]);
    expect(steps(split.x, 0)).toEqual([
      [-1.5, -1.5],
      [0, -1],
      [-0.5, 0]
    ]);
    // Window 3 (days 4-6): y at t is missing, so the last observed value is day 5's 50.
    expect(split.lastObserved).toEqual([30, 40, 50, 50]);
    expect(Number.isNaN(split.y[1])).toBe(true);
    expect(split.raw).toEqual(['50', null, '70', '80']);
  });

  it('ids carry the series value and the target time as written', () => {
    const source = loadSeries(gappyTable(), { time: 't', group: 'site', target: 'v', features: [] });
    const { windows } = listWindows(source.ordered.series, 2, 1);
    const pre: SeriesPreprocessor = {
      ...PRE,
      target: 'v',
      time: 't',
      timeKind: 'number',
      group: 'site',
      window: 2,
      horizon: 1,
      features: [],
      channels: ['v'],
      channelMeans: [0],
      channelStds: [1],
      targetMean: 0,
      targetStd: 1
    };
    const split = encodeWindows(pre, source, windows);
    expect(split.ids).toEqual([
      { site: 'A', t: '3' },
      { site: 'B', t: '2' }
    ]);
    expect(Array.from(split.x)).toEqual([10, 11, 20, 21]);
    expect(Array.from(split.y)).toEqual([12, 22]);
    expect(split.lines).toEqual([6, 8]);
  });
});
