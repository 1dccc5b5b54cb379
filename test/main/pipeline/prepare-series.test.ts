import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainConfigSchema } from '@shared/domain/config';
import type { TrainConfigInput } from '@shared/domain/config';
import { maeNaive } from '../../../src-main/data/time-series/persistence';
import type { SeriesSplit } from '../../../src-main/data/time-series/series-preprocessor';
import { transformSeries } from '../../../src-main/data/time-series/series-preprocessor';
import { prepareSeries } from '../../../src-main/pipeline/prepare-series';
import { appErrorOf, SAMPLES_DIR } from '../data/helpers';

type SeriesInput = NonNullable<TrainConfigInput['series']>;

function config(series: SeriesInput, extra: Partial<TrainConfigInput> = {}) {
  return TrainConfigSchema.parse({
    datasetId: 1,
    target: 'y',
    arch: 'lstm',
    validationFraction: 0.1,
    testFraction: 0.1,
    series,
    ...extra
  });
}

/** CSV text of series A (y = t) and B (y = 100 + 2t), steps t = 1..60, with a free-form `flag` column. */
function twoSeries(edit: (row: string[]) => string[] = (r) => r): string {
  const rows: string[][] = [];
  for (let t = 1; t <= 60; t++) {
    rows.push(['A', String(t), String(t), 'ok']);
    rows.push(['B', String(t), String(100 + 2 * t), 'ok']);
  }
  return ['g,t,y,flag', ...rows.map(edit).map((r) => r.join(','))].join('\n');
}

/** A copy of a row with one cell replaced. */
const withCell = (row: string[], col: number, value: string): string[] =>
  row.map((cell, k) => (k === col ? value : cell));
const file = (content: string, fileName = 'two.csv') => ({ fileName, content });
const targetTimes = (s: SeriesSplit | null): number[] => (s?.ids ?? []).map((ids) => Number(ids.t));
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('prepareSeries: OOD by series and chronological splits', () => {
  // W = 3, H = 1. Series A: windows end at positions 2..58, n = 57; test = round(5.7) = 6 (targets t 55..60),
  // its period starts at position 51, so ends 50-52 are dropped; validation = 6 (targets t 46..51), period from
  // position 42, ends 41-43 dropped; train = ends 2..40 (targets t 4..42). Series B is OOD: all 57 windows.
  const prepared = prepareSeries(
    config({ time: 't', group: 'g', window: 3, horizon: 1 }, { oodWhere: [{ column: 'g', value: 'B' }] }),
    file(twoSeries())
  );

  it('splits each series chronologically: every train target < every validation < every test', () => {
    expect(targetTimes(prepared.train)).toEqual(range(4, 42));
    expect(targetTimes(prepared.validation)).toEqual(range(46, 51));
    expect(targetTimes(prepared.test)).toEqual(range(55, 60));
    expect(prepared.train.ids.every((ids) => ids.g === 'A')).toBe(true);
    expect(prepared.report.windows).toMatchObject({ kept: 108, atSplitBoundaries: 6, acrossGaps: 0 });
  });

  it('sets the OOD series aside whole, never trained on', () => {
    expect(prepared.ood?.ids).toEqual(range(4, 60).map((t) => ({ g: 'B', t: String(t) })));
    // B's row at t = 4 is data row 7 (A and B alternate), line 9.
    expect(prepared.ood?.lines[0]).toBe(9);
    expect(prepared.ood?.raw[0]).toBe('108');
  });

  it('fits the scaling on the training windows only', () => {
    // Inputs of training windows: A at t = 1..41 (mean 21, variance (41^2 - 1) / 12 = 140); labels t = 4..42
    // (mean 23, variance (39^2 - 1) / 12).
    const { pre } = prepared;
    expect(pre.channelMeans[0]).toBeCloseTo(21, 12);
    expect(pre.channelStds[0]).toBeCloseTo(Math.sqrt(140), 12);
    expect(pre.targetMean).toBeCloseTo(23, 12);
    expect(pre.targetStd).toBeCloseTo(Math.sqrt((39 * 39 - 1) / 12), 12);
    // Changing every value after the last training label (A at t > 42) and all of B leaves the scaling as it is.
    const changed = prepareSeries(
      config({ time: 't', group: 'g', window: 3, horizon: 1 }, { oodWhere: [{ column: 'g', value: 'B' }] }),
      file(twoSeries((r) => (r[0] === 'B' || Number(r[1]) > 42 ? withCell(r, 2, '1000') : r)))
    );
    expect(changed.pre).toEqual(pre);
    expect(Array.from(changed.train.x)).toEqual(Array.from(prepared.train.x));
  });

  it('stores a JSON-serializable preprocessor that windows a later file identically', () => {
    const pre = JSON.parse(JSON.stringify(prepared.pre)) as typeof prepared.pre;
    expect(pre).toEqual({
      version: 1,
      kind: 'series',
      target: 'y',
      time: 't',
      timeKind: 'number',
      group: 'g',
      window: 3,
      horizon: 1,
      features: [],
      channels: ['y'],
      channelMeans: prepared.pre.channelMeans,
      channelStds: prepared.pre.channelStds,
      targetMean: prepared.pre.targetMean,
      targetStd: prepared.pre.targetStd,
      step: 1,
      trainWindowCount: 39
    });
    const again = transformSeries(pre, prepared.table).split;
    expect(again.n).toBe(114);
    const first = again.ids.findIndex((ids) => ids.g === 'A' && ids.t === '55');
    expect(Array.from(again.x.subarray(first * 3, first * 3 + 3))).toEqual(
      Array.from(prepared.test.x.subarray(0, 3))
    );
    // Standardized input of A at t = 52: (52 - 21) / sqrt(140), rounded to float32.
    expect(prepared.test.x[0]).toBe(Math.fround((52 - 21) / Math.sqrt(140)));
    expect(prepared.test.lastObserved).toEqual(range(54, 59));
  });

  it('maeNaive on the test windows: persistence is off by exactly one step of y = t', () => {
    expect(maeNaive(prepared.test.lastObserved, prepared.test.raw.map(Number))).toBe(1);
  });
});

describe('prepareSeries: OOD by period', () => {
  it('windows whose target time is at or after oodFrom are OOD, and no in-distribution target reaches it', () => {
    const prepared = prepareSeries(
      config({ time: 't', group: 'g', window: 3, horizon: 2, oodFrom: '51' }),
      file(twoSeries())
    );
    const ood = targetTimes(prepared.ood);
    expect(ood).toEqual([...range(51, 60), ...range(51, 60)]);
    expect(prepared.ood?.ids.slice(9, 11)).toEqual([
      { g: 'A', t: '60' },
      { g: 'B', t: '51' }
    ]);
    for (const split of [prepared.train, prepared.validation, prepared.test]) {
      expect(Math.max(...targetTimes(split))).toBeLessThan(51);
    }
    // Per series 46 in-distribution windows (targets t 5..50): test round(4.6) = 5, validation 5, and
    // W + H - 1 = 4 dropped per boundary, so 46 - 10 - 8 = 28 train.
    expect([prepared.train.n, prepared.validation.n, prepared.test.n]).toEqual([2 * 28, 2 * 5, 2 * 5]);
  });

  it('an oodFrom that is not of the time column kind fails', () => {
    const err = appErrorOf(() =>
      prepareSeries(config({ time: 't', group: 'g', window: 3, oodFrom: '2015-01-01' }), file(twoSeries()))
    );
    expect(err.message).toMatch(/"2015-01-01" is not a number/);
  });
});

describe('prepareSeries: report of gaps, duplicates, missing values and OOD rows', () => {
  it('counts every skipped window and reports the first examples', () => {
    // A: t = 20 written twice (the second copy is appended as the last data row, line 121), t = 35
    // missing, y missing at t = 10 (the label of the window ending at t = 9; an input of the windows
    // ending at 10, 11, 12).
    const content = twoSeries((r) => (r[0] === 'A' && r[1] === '10' ? withCell(r, 2, '') : r))
      .split('\n')
      .filter((line) => line !== 'A,35,35,ok')
      .concat('A,20,-5,ok')
      .join('\n');
    const prepared = prepareSeries(
      config({ time: 't', group: 'g', window: 3, horizon: 1 }, { oodWhere: [{ column: 'g', value: 'B' }] }),
      file(content, 'gaps.csv')
    );
    expect(prepared.report.duplicates).toEqual({
      count: 1,
      examples: [{ series: 'A', time: '20', keptLine: 40, droppedLines: [121] }]
    });
    expect(prepared.report.gaps).toEqual({
      count: 1,
      examples: [{ series: 'A', from: '34', to: '36', fromLine: 68, toLine: 71, steps: 2 }]
    });
    // Windows spanning 34 -> 36: the 3 whose 4-row span holds both sides; one without a target (t = 10).
    expect(prepared.report.windows).toMatchObject({ acrossGaps: 3, withoutTarget: 1, imputed: 3 });
    expect(prepared.train.imputed.filter((names) => names.length > 0)).toEqual([
      ['y[t]'],
      ['y[t-1]'],
      ['y[t-2]']
    ]);
    expect(prepared.notes).toContain(
      '1 row left out as duplicate timestamps (the first row is kept). 20 (A): kept line 40, left out 121.'
    );
    expect(prepared.notes).toContain(
      '1 gap in time: no window spans one. 34 -> 36 (A), lines 68-71, 2 steps.'
    );
  });

  it('--ood-where on a non-series column: the matching target is OOD, windows touching that row are dropped', () => {
    const prepared = prepareSeries(
      config(
        { time: 't', window: 3, horizon: 1, group: 'g' },
        { oodWhere: [{ column: 'flag', value: 'odd' }] }
      ),
      file(twoSeries((r) => (r[0] === 'A' && r[1] === '30' ? withCell(r, 3, 'odd') : r)))
    );
    expect(prepared.ood?.ids).toEqual([{ g: 'A', t: '30' }]);
    // Spans t-2..t+1 holding t = 30 without it being the target: targets 31, 32, 33.
    expect(prepared.report.windows.touchingOod).toBe(3);
    for (const split of [prepared.train, prepared.validation, prepared.test]) {
      expect(
        split.ids.filter((ids) => ids.g === 'A' && ['30', '31', '32', '33'].includes(ids.t ?? ''))
      ).toEqual([]);
    }
  });
});

describe('prepareSeries: refusals', () => {
  it('needs a series configuration and a regression task', () => {
    const plain = TrainConfigSchema.parse({ datasetId: 1, target: 'y' });
    expect(appErrorOf(() => prepareSeries(plain, file(twoSeries())), 'BAD_REQUEST').message).toMatch(
      /--time/
    );
    const binary = config({ time: 't', group: 'g' }, { task: 'binary' });
    appErrorOf(() => prepareSeries(binary, file(twoSeries())), 'BAD_REQUEST');
  });

  it('too few training windows fail with a message naming window and horizon', () => {
    const err = appErrorOf(() =>
      prepareSeries(config({ time: 't', group: 'g', window: 50 }), file(twoSeries()))
    );
    expect(err.message).toMatch(/Only \d+ training windows .* window of 50 steps and a horizon of 1/);
  });

  it('names every missing column', () => {
    const err = appErrorOf(() =>
      prepareSeries(config({ time: 'when', group: 'city', features: ['wind'] }), file(twoSeries()))
    );
    expect(err.message).toMatch(/lacks the columns "when", "city", "wind"/);
  });
});

interface WeatherRecord {
  ids: Record<string, string>;
  line: number;
  x: number[][];
  y: number;
  raw: string;
  lastObserved: number;
}
interface WeatherCase {
  counts: { train: number; validation: number; test: number; ood: number };
  droppedAtBoundaries: number;
  channelMeans: number[];
  channelStds: number[];
  targetMean: number;
  targetStd: number;
  firstTrainDate: string;
  lastTrainDate: string;
  firstValidationDate: string;
  lastValidationDate: string;
  firstTestDate: string;
  lastTestDate: string;
  firstTest: WeatherRecord;
  lastOod: WeatherRecord;
  maeNaive: number;
}

const REFERENCE = JSON.parse(
  readFileSync(resolve(__dirname, '../../fixtures/data/time-series/weather-reference.json'), 'utf8')
) as { seriesOod: WeatherCase; periodOod: WeatherCase };
const WEATHER = file(
  readFileSync(resolve(SAMPLES_DIR, 'weather-seattle-newyork.csv'), 'utf8'),
  'weather.csv'
);

function expectRecord(split: SeriesSplit | null, i: number, ref: WeatherRecord): void {
  if (!split) throw new Error('split missing');
  const size = split.window * split.channels;
  const x = Array.from(split.x.subarray(i * size, (i + 1) * size));
  ref.x.flat().forEach((v, k) => expect(x[k]).toBeCloseTo(v, 5));
  expect(split.ids[i]).toEqual(ref.ids);
  expect(split.lines[i]).toBe(ref.line);
  expect(split.y[i]).toBeCloseTo(ref.y, 5);
  expect(split.raw[i]).toBe(ref.raw);
  expect(split.lastObserved[i]).toBe(ref.lastObserved);
}

function expectWeather(prepared: ReturnType<typeof prepareSeries>, ref: WeatherCase): void {
  const { train, validation, test, ood, pre } = prepared;
  expect({ train: train.n, validation: validation.n, test: test.n, ood: ood?.n }).toEqual(ref.counts);
  expect(prepared.report.windows.atSplitBoundaries).toBe(ref.droppedAtBoundaries);
  pre.channelMeans.forEach((m, c) => expect(m).toBeCloseTo(ref.channelMeans[c] as number, 10));
  pre.channelStds.forEach((s, c) => expect(s).toBeCloseTo(ref.channelStds[c] as number, 10));
  expect(pre.targetMean).toBeCloseTo(ref.targetMean, 10);
  expect(pre.targetStd).toBeCloseTo(ref.targetStd, 10);
  const dates = (s: SeriesSplit) => s.ids.map((ids) => ids.date);
  expect([dates(train)[0], dates(train).at(-1)]).toEqual([ref.firstTrainDate, ref.lastTrainDate]);
  expect([dates(validation)[0], dates(validation).at(-1)]).toEqual([
    ref.firstValidationDate,
    ref.lastValidationDate
  ]);
  expect([dates(test)[0], dates(test).at(-1)]).toEqual([ref.firstTestDate, ref.lastTestDate]);
  expectRecord(test, 0, ref.firstTest);
  expectRecord(ood, (ood?.n ?? 0) - 1, ref.lastOod);
  expect(maeNaive(test.lastObserved, test.raw.map(Number))).toBeCloseTo(ref.maeNaive, 10);
}

describe('prepareSeries on the weather sample (reference: test/fixtures/data/time-series/weather_reference.py)', () => {
  it('--group location --ood-where location=New York --window 14 --horizon 1: Seattle split in time, New York OOD', () => {
    const prepared = prepareSeries(
      config(
        { time: 'date', group: 'location', window: 14, horizon: 1 },
        {
          target: 'temp_max',
          validationFraction: 0.15,
          testFraction: 0.15,
          oodWhere: [{ column: 'location', value: 'New York' }]
        }
      ),
      WEATHER
    );
    expectWeather(prepared, REFERENCE.seriesOod);
    expect(prepared.pre.step).toBe(86_400_000);
    expect(prepared.report.duplicates.count + prepared.report.gaps.count).toBe(0);
    expect(prepared.notes.slice(0, 2)).toEqual([
      'Series Seattle: 1461 rows from 2012-01-01 to 2015-12-31, step 1 day.',
      'Series New York: 1461 rows from 2012-01-01 to 2015-12-31, step 1 day.'
    ]);
  });

  it('features temp_min and wind, window 7, horizon 2, OOD from 2015-07-01 in both cities', () => {
    const prepared = prepareSeries(
      config(
        {
          time: 'date',
          group: 'location',
          window: 7,
          horizon: 2,
          features: ['temp_min', 'wind'],
          oodFrom: '2015-07-01'
        },
        { target: 'temp_max', validationFraction: 0.15, testFraction: 0.15 }
      ),
      WEATHER
    );
    expectWeather(prepared, REFERENCE.periodOod);
    expect(prepared.pre.channels).toEqual(['temp_max', 'temp_min', 'wind']);
  });
});
