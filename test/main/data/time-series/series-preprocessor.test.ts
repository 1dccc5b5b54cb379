import { describe, expect, it } from 'vitest';
import { fitSeriesScaling, transformSeries } from '../../../../src-main/data/time-series/series-preprocessor';
import { loadSeries } from '../../../../src-main/data/time-series/series-source';
import type { SeriesWindow } from '../../../../src-main/data/time-series/windows';
import { appErrorOf, expectWhere, table } from '../helpers';
import { DAILY_PRE as PRE, dailyTable } from './hand-made';

const SPEC = { time: 'date', group: null, target: 'y', features: ['f'] } as const;

/** Windows of dailyTable with W = 3, H = 2 ending at positions 2, 3 and 5. */
const TRAIN: SeriesWindow[] = [2, 3, 5].map((end) => ({ series: 0, end, target: end + 2 }));

describe('fitSeriesScaling', () => {
  it('counts every input row of the training windows once, and the target over their labels', () => {
    // Input rows: days 1-3, 2-4, 4-6 -> days 1..6 once each: y 10..60, f 101..106 (variance of 1..6 = 35/12).
    // Labels: days 5, 6, 8 -> 50, 60, 80 (mean 190/3, squared deviations 1600/9 + 100/9 + 2500/9 = 1400/3, over 3).
    const scaling = fitSeriesScaling(loadSeries(dailyTable(), SPEC), TRAIN, 3);
    expect(scaling.channelMeans[0]).toBeCloseTo(35, 12);
    expect(scaling.channelStds[0]).toBeCloseTo(10 * Math.sqrt(35 / 12), 12);
    expect(scaling.channelMeans[1]).toBeCloseTo(103.5, 12);
    expect(scaling.channelStds[1]).toBeCloseTo(Math.sqrt(35 / 12), 12);
    expect(scaling.targetMean).toBeCloseTo(190 / 3, 12);
    expect(scaling.targetStd).toBeCloseTo(Math.sqrt(1400 / 9), 12);
  });

  it('skips missing values, and uses std 1 for a constant channel', () => {
    const t = dailyTable();
    t.rows = t.rows.map((row, i) => [row[0] as string, i === 0 ? 'NA' : (row[1] as string), '7']);
    const scaling = fitSeriesScaling(loadSeries(t, SPEC), TRAIN, 3);
    expect(scaling.channelMeans).toEqual([40, 7]); // y over days 2..6
    expect(scaling.channelStds[0]).toBeCloseTo(10 * Math.sqrt(2), 12);
    expect(scaling.channelStds[1]).toBe(1);
  });
});

describe('transformSeries', () => {
  it('windows a later file on the trained grid with the trained scaling, keeping windows without a target', () => {
    const t = dailyTable();
    t.rows.splice(3, 1); // day 4 missing: a gap of 2 days
    const { split, report } = transformSeries(PRE, t);
    // Rows: days 1-3 | 5-8. A window spans W + H = 5 steps and neither stretch is that long,
    // so the 3 candidate windows (ending at positions 2, 3, 4) all cross the gap.
    expect(split.n).toBe(0);
    expect(report.windows).toMatchObject({ kept: 0, acrossGaps: 3 });
    expect(report.gaps.examples).toEqual([
      { series: null, from: '2015-01-03', to: '2015-01-05', fromLine: 4, toLine: 5, steps: 2 }
    ]);

    const whole = dailyTable();
    whole.rows[7] = ['2015-01-08', 'NA', '108'];
    const all = transformSeries(PRE, whole).split;
    expect(all.n).toBe(4);
    expect(Array.from(all.y.subarray(0, 3))).toEqual([1, 3, 5]);
    expect(Number.isNaN(all.y[3])).toBe(true);
    expect(all.raw[3]).toBeNull();
  });

  it('a file lacking trained columns fails naming all of them', () => {
    const t = table(['day', 'y', 'g'], [['2015-01-01', '1', '2']], 'new.csv');
    const err = appErrorOf(() => transformSeries(PRE, t));
    expect(err.message).toMatch(/lacks the columns "date", "f" that the model was trained with/);
    expectWhere(err, { file: 'new.csv', column: 'date' });
  });

  it('a file with numeric steps cannot be scored by a model trained on dates', () => {
    const t = table(['date', 'y', 'f'], [['1', '1', '2']], 'steps.csv');
    expect(appErrorOf(() => transformSeries(PRE, t)).message).toMatch(
      /holds numbers, but the model was trained on dates/
    );
  });

  it('a target or feature cell that is not a number fails naming its line', () => {
    const t = dailyTable();
    t.rows[4] = ['2015-01-05', '50', 'high'];
    const err = appErrorOf(() => transformSeries(PRE, t));
    expect(err.message).toMatch(/"f" holds "high" at line 6 of "daily\.csv"/);
    expectWhere(err, { file: 'daily.csv', row: 6, column: 'f' });
  });
});

describe('loadSeries', () => {
  it('refuses a feature that is the target, the time or the series column', () => {
    const t = dailyTable();
    expect(appErrorOf(() => loadSeries(t, { ...SPEC, features: ['y'] })).message).toMatch(/is the target/);
    expect(appErrorOf(() => loadSeries(t, { ...SPEC, features: ['date'] })).message).toMatch(/time column/);
    expect(appErrorOf(() => loadSeries(t, { ...SPEC, features: ['f', 'f'] })).message).toMatch(
      /listed twice/
    );
  });
});
