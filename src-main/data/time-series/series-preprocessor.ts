import { standardization } from '@shared/math/standardize';
import type { ParsedTable } from '../csv-table';
import { lineOf } from '../target-encoding';
import { emptyWindowCounts } from './series-report';
import type { SeriesReport } from './series-report';
import { loadSeries } from './series-source';
import type { SeriesSource } from './series-source';
import type { TimeKind } from './time-values';
import { listWindows } from './windows';
import type { SeriesWindow } from './windows';

/**
 * Everything needed to window and scale a later file exactly as the training data: a plain JSON
 * object stored with the model. Scaling is fitted on the training windows only.
 */
export interface SeriesPreprocessor {
  version: 1;
  kind: 'series';
  target: string;
  time: string;
  timeKind: TimeKind;
  /** The series column; null when the file is one series. */
  group: string | null;
  window: number;
  horizon: number;
  features: string[];
  /** Input channels in order: the target's own history, then the features. */
  channels: string[];
  /** Per channel: mean and population std over the observed values of the training windows' input steps. */
  channelMeans: number[];
  channelStds: number[];
  /** Mean and population std of the training windows' labels: y = (value - targetMean) / targetStd. */
  targetMean: number;
  targetStd: number;
  /** The step between consecutive rows (ms for dates); later files are windowed on this grid. */
  step: number;
  trainWindowCount: number;
}

/** The windows of one split, encoded for the LSTM, with what the records need to be reported. */
export interface SeriesSplit {
  n: number;
  window: number;
  /** Input channels per step (F). */
  channels: number;
  /**
   * Row-major [n, W, F], standardized; step 0 is the oldest (t-W+1), step W-1 is t. Missing inputs
   * are 0 (the training mean).
   */
  x: Float32Array;
  /** Standardized label (the target at t + horizon); NaN when missing (OOD and scored windows only). */
  y: Float32Array;
  /** Data row (0-based) of each window's target step, and its line in the file. */
  rows: number[];
  lines: number[];
  /** { [group]: series value, [time]: the target step's time as written } per window. */
  ids: Record<string, string>[];
  /** The target step's time per window: milliseconds (dates) or the step number. */
  times: number[];
  /** The target cell as written (trimmed); null when missing. */
  raw: (string | null)[];
  /**
   * The last observed target value in the inputs, in original units: step t, else the latest earlier
   * step with a value; NaN when none has one.
   */
  lastObserved: number[];
  /** Names of the imputed inputs per window, as "channel[t-k]". */
  imputed: string[][];
}

export interface SeriesScaling {
  channelMeans: number[];
  channelStds: number[];
  targetMean: number;
  targetStd: number;
}

/**
 * Fits the scaling on the training windows only. Each data row that is an input step of some
 * training window counts once per channel (a row shared by overlapping windows is not weighted
 * W times); the target scaling uses the training labels. Missing values are skipped.
 */
export function fitSeriesScaling(
  source: SeriesSource,
  trainWindows: readonly SeriesWindow[],
  window: number
): SeriesScaling {
  const inputRows = new Set<number>();
  const labels: number[] = [];
  for (const w of trainWindows) {
    const rows = source.ordered.series[w.series]?.rows ?? [];
    for (let p = w.end - window + 1; p <= w.end; p++) inputRows.add(rows[p] as number);
    const y = source.channels[0]?.[rows[w.target] as number] as number;
    if (Number.isFinite(y)) labels.push(y);
  }
  const ordered = [...inputRows].sort((a, b) => a - b);
  const fits = source.channels.map((values) =>
    standardization(ordered.map((r) => values[r] as number).filter(Number.isFinite))
  );
  const target = standardization(labels);
  return {
    channelMeans: fits.map((f) => f.mean),
    channelStds: fits.map((f) => f.std),
    targetMean: target.mean,
    targetStd: target.std
  };
}

function stepName(channel: string, lag: number): string {
  return lag === 0 ? `${channel}[t]` : `${channel}[t-${lag}]`;
}

/**
 * Encodes windows as [n, W, F] inputs and standardized labels. Only steps end-W+1 .. end are read
 * into x, so no value after step t can enter the inputs; a missing input becomes 0 (the training
 * mean, standardized) and is named in `imputed`.
 */
export function encodeWindows(
  pre: SeriesPreprocessor,
  source: SeriesSource,
  windows: readonly SeriesWindow[]
): SeriesSplit {
  const W = pre.window;
  const F = pre.channels.length;
  const n = windows.length;
  const x = new Float32Array(n * W * F);
  const y = new Float32Array(n).fill(Number.NaN);
  const split: SeriesSplit = {
    n,
    window: W,
    channels: F,
    x,
    y,
    rows: [],
    lines: [],
    ids: [],
    times: [],
    raw: [],
    lastObserved: [],
    imputed: []
  };
  const targetCol = source.table.columns.indexOf(pre.target);
  const targetValues = source.channels[0] as Float64Array;
  windows.forEach((w, i) => {
    const series = source.ordered.series[w.series];
    const rows = series?.rows ?? [];
    const imputed: string[] = [];
    let lastObserved = Number.NaN;
    for (let k = 0; k < W; k++) {
      const r = rows[w.end - W + 1 + k] as number;
      for (let c = 0; c < F; c++) {
        const value = source.channels[c]?.[r] as number;
        const offset = (i * W + k) * F + c;
        if (Number.isFinite(value)) {
          x[offset] = (value - (pre.channelMeans[c] as number)) / (pre.channelStds[c] as number);
        } else imputed.push(stepName(pre.channels[c] as string, W - 1 - k));
      }
      const own = targetValues[r] as number;
      if (Number.isFinite(own)) lastObserved = own;
    }
    const targetRow = rows[w.target] as number;
    const label = targetValues[targetRow] as number;
    if (Number.isFinite(label)) y[i] = (label - pre.targetMean) / pre.targetStd;
    const ids: Record<string, string> = {};
    if (pre.group !== null && series && series.key !== null) ids[pre.group] = series.key;
    ids[pre.time] = source.time.text[targetRow] as string;
    split.rows.push(targetRow);
    split.lines.push(lineOf(targetRow));
    split.ids.push(ids);
    split.times.push(source.time.values[targetRow] as number);
    split.raw.push(Number.isFinite(label) ? (source.table.rows[targetRow]?.[targetCol] ?? '').trim() : null);
    split.lastObserved.push(lastObserved);
    split.imputed.push(imputed);
  });
  return split;
}

/** How many windows of a split had at least one input imputed. */
export function countImputed(split: SeriesSplit): number {
  return split.imputed.filter((names) => names.length > 0).length;
}

/**
 * Windows and scales a later file exactly as in training, for scoring: the same columns (BAD_DATA
 * naming any missing one), the same kind of time, the trained step as the grid gaps are judged
 * by, the trained scaling. Every window is kept, also without a target value (y NaN, raw null).
 */
export function transformSeries(
  pre: SeriesPreprocessor,
  table: ParsedTable
): { split: SeriesSplit; report: SeriesReport } {
  const source = loadSeries(
    table,
    { time: pre.time, group: pre.group, target: pre.target, features: pre.features },
    { step: pre.step, kind: pre.timeKind, purpose: 'that the model was trained with' }
  );
  const { windows, acrossGaps } = listWindows(source.ordered.series, pre.window, pre.horizon);
  const split = encodeWindows(pre, source, windows);
  const report = seriesReport(pre.time, source, {
    ...emptyWindowCounts(),
    kept: split.n,
    acrossGaps,
    imputed: countImputed(split)
  });
  return { split, report };
}

/** The report of a loaded source, with the window counts of its caller. */
export function seriesReport(
  timeColumn: string,
  source: SeriesSource,
  windows: SeriesReport['windows']
): SeriesReport {
  return {
    timeColumn,
    timeKind: source.time.kind,
    group: source.group,
    series: source.ordered.summaries,
    duplicates: source.ordered.duplicates,
    gaps: source.ordered.gaps,
    windows
  };
}
