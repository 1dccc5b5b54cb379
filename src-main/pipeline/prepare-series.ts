import { AppError } from '@shared/contract/errors';
import type { SeriesConfig, TrainConfig } from '@shared/domain/config';
import { parseTable } from '../data/csv-table';
import type { ParsedTable } from '../data/csv-table';
import { matchOod } from '../data/splits';
import { chronologicalSplit } from '../data/time-series/chronological-split';
import {
  countImputed,
  encodeWindows,
  fitSeriesScaling,
  seriesReport
} from '../data/time-series/series-preprocessor';
import type { SeriesPreprocessor, SeriesSplit } from '../data/time-series/series-preprocessor';
import { emptyWindowCounts, summarizeSeriesReport } from '../data/time-series/series-report';
import type { SeriesReport } from '../data/time-series/series-report';
import { loadSeries } from '../data/time-series/series-source';
import type { SeriesSource } from '../data/time-series/series-source';
import { describeStep, parseTimeValue } from '../data/time-series/time-values';
import { listWindows } from '../data/time-series/windows';
import type { SeriesWindow } from '../data/time-series/windows';
import type { TableFile } from '../data/table-file';
import { MIN_TRAIN_ROWS } from './split-rows';

export interface PreparedSeries {
  pre: SeriesPreprocessor;
  table: ParsedTable;
  train: SeriesSplit;
  validation: SeriesSplit;
  test: SeriesSplit;
  /** Windows of the OOD series (--ood-where) or period (series.oodFrom); null when neither is set. */
  ood: SeriesSplit | null;
  /** Duplicates, gaps and the fate of every candidate window. */
  report: SeriesReport;
  /** The report as lines for the run's notes (summarizeSeriesReport), plus decisions a person should know. */
  notes: string[];
}

/** The --ood-where rows and the series.oodFrom time that make a window out-of-distribution. */
interface OodRule {
  rows: boolean[] | null;
  from: number | null;
}

function oodRule(config: TrainConfig, series: SeriesConfig, source: SeriesSource): OodRule {
  const rows = config.oodWhere.length > 0 ? matchOod(source.table, config.oodWhere) : null;
  if (series.oodFrom === undefined) return { rows, from: null };
  const from = parseTimeValue(series.oodFrom, source.time.kind);
  if (from === null) {
    throw new AppError(
      'BAD_DATA',
      `The OOD period start "${series.oodFrom}" is not ${source.time.kind === 'date' ? 'a date (YYYY-MM-DD)' : 'a number'}, ` +
        `as the time column "${series.time}" of "${source.table.fileName}" is. Give the start in the same form.`,
      { file: source.table.fileName, column: series.time }
    );
  }
  return { rows, from };
}

/**
 * Sorts the candidate windows: OOD when the target row matches --ood-where or its time is at or
 * after oodFrom; otherwise in-distribution, unless the span touches an OOD row (dropped, so that OOD
 * rows are never trained on, not even as inputs) or the target is missing (dropped: nothing to
 * learn or score). In-distribution windows are returned per series, in time order.
 */
function classifyWindows(
  source: SeriesSource,
  windows: readonly SeriesWindow[],
  rule: OodRule,
  window: number
): { perSeries: SeriesWindow[][]; ood: SeriesWindow[]; touchingOod: number; withoutTarget: number } {
  const perSeries: SeriesWindow[][] = source.ordered.series.map(() => []);
  const ood: SeriesWindow[] = [];
  let touchingOod = 0;
  let withoutTarget = 0;
  const target = source.channels[0] as Float64Array;
  for (const w of windows) {
    const rows = source.ordered.series[w.series]?.rows ?? [];
    const targetRow = rows[w.target] as number;
    const late = rule.from !== null && (source.time.values[targetRow] as number) >= rule.from;
    if (rule.rows?.[targetRow] || late) {
      ood.push(w);
      continue;
    }
    const span = rows.slice(w.end - window + 1, w.target + 1);
    if (rule.rows && span.some((r) => rule.rows?.[r])) touchingOod++;
    else if (!Number.isFinite(target[targetRow])) withoutTarget++;
    else perSeries[w.series]?.push(w);
  }
  return { perSeries, ood, touchingOod, withoutTarget };
}

/**
 * The grid later files are windowed on: the step of the series with the most training windows.
 * Series whose own step differs are named in the notes (their windows still follow their own step).
 */
function trainingStep(source: SeriesSource, train: readonly SeriesWindow[], notes: string[]): number {
  const counts = new Map<number, number>();
  for (const w of train) counts.set(w.series, (counts.get(w.series) ?? 0) + 1);
  let best = train[0]?.series ?? 0;
  for (const [series, count] of counts) if (count > (counts.get(best) ?? 0)) best = series;
  const step = source.ordered.series[best]?.step ?? 1;
  for (const series of counts.keys()) {
    const own = source.ordered.series[series];
    if (own && own.step !== step && own.step !== null) {
      notes.push(
        `Series ${own.key ?? ''} has a step of ${describeStep(own.step, source.time.kind)}, unlike the ` +
          `${describeStep(step, source.time.kind)} the model is saved with; check that its rows are regular.`
      );
    }
  }
  return step;
}

function tooFew(what: string, count: number, needed: number, file: string, config: SeriesConfig): AppError {
  return new AppError(
    'BAD_DATA',
    `Only ${count} ${what} window${count === 1 ? '' : 's'} can be built from "${file}" (at least ${needed} needed) ` +
      `with a window of ${config.window} steps and a horizon of ${config.horizon}. ` +
      'Use a shorter window, a longer series, or check the OOD settings and the gaps in the report.',
    { file, column: config.time }
  );
}

/**
 * Turns a table and a run configuration into windowed splits for the LSTM (issue 4, METHOD.md
 * section 3): series ordered and checked, windows built, the OOD set taken out first (never
 * trained on), a chronological train / validation / test split inside each in-distribution series
 * (chronological-split.ts), scaling fitted on the training windows only, then every split encoded
 * with that one fitted preprocessor.
 */
export function prepareSeries(config: TrainConfig, data: TableFile): PreparedSeries {
  const series = config.series;
  if (!series) {
    throw new AppError('BAD_REQUEST', 'A time-series run needs a time column (series.time, --time COL).');
  }
  if (config.task !== undefined && config.task !== 'regression') {
    throw new AppError(
      'BAD_REQUEST',
      `Time-series forecasting is a regression task; the task "${config.task}" cannot be used with a time column.`
    );
  }
  const table = parseTable(data.content, data.fileName);
  const group = series.group ?? null;
  const source = loadSeries(table, {
    time: series.time,
    group,
    target: config.target,
    features: series.features
  });
  const { windows, acrossGaps } = listWindows(source.ordered.series, series.window, series.horizon);
  const rule = oodRule(config, series, source);
  const sorted = classifyWindows(source, windows, rule, series.window);

  const train: SeriesWindow[] = [];
  const validation: SeriesWindow[] = [];
  const test: SeriesWindow[] = [];
  let atSplitBoundaries = 0;
  for (const own of sorted.perSeries) {
    const split = chronologicalSplit(
      own,
      { validation: config.validationFraction, test: config.testFraction },
      series.window
    );
    train.push(...split.train);
    validation.push(...split.validation);
    test.push(...split.test);
    atSplitBoundaries += split.dropped;
  }
  if (train.length < MIN_TRAIN_ROWS)
    throw tooFew('training', train.length, MIN_TRAIN_ROWS, data.fileName, series);
  if (validation.length === 0) throw tooFew('validation', 0, 1, data.fileName, series);
  if (test.length === 0) throw tooFew('test', 0, 1, data.fileName, series);
  const oodConfigured = rule.rows !== null || rule.from !== null;
  if (oodConfigured && sorted.ood.length === 0) {
    throw new AppError(
      'BAD_DATA',
      `No window of "${data.fileName}" is out-of-distribution: the OOD series or period is too short for a window ` +
        `of ${series.window} steps and a horizon of ${series.horizon}, or its rows fall in gaps.`,
      { file: data.fileName, column: series.time }
    );
  }

  const notes: string[] = [];
  const pre: SeriesPreprocessor = {
    version: 1,
    kind: 'series',
    target: config.target,
    time: series.time,
    timeKind: source.time.kind,
    group,
    window: series.window,
    horizon: series.horizon,
    features: [...series.features],
    channels: [...source.channelNames],
    ...fitSeriesScaling(source, train, series.window),
    step: trainingStep(source, train, notes),
    trainWindowCount: train.length
  };
  const encoded = {
    train: encodeWindows(pre, source, train),
    validation: encodeWindows(pre, source, validation),
    test: encodeWindows(pre, source, test),
    ood: oodConfigured ? encodeWindows(pre, source, sorted.ood) : null
  };
  const kept = [encoded.train, encoded.validation, encoded.test, encoded.ood];
  const report = seriesReport(series.time, source, {
    ...emptyWindowCounts(),
    kept: kept.reduce((n, s) => n + (s?.n ?? 0), 0),
    acrossGaps,
    withoutTarget: sorted.withoutTarget,
    atSplitBoundaries,
    touchingOod: sorted.touchingOod,
    imputed: kept.reduce((n, s) => n + (s ? countImputed(s) : 0), 0)
  });
  return { pre, table, ...encoded, report, notes: [...summarizeSeriesReport(report), ...notes] };
}
