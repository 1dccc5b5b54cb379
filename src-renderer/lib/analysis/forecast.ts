import type { RecordPrediction, Split } from '@shared/domain/records';

/** Where a time-series run keeps a window's series and target time in `record.ids`. */
export interface SeriesKeys {
  time: string;
  group?: string | undefined;
}

/** One forecast window, placed at its target time. */
export interface ForecastPoint {
  time: string;
  /** The observed value at the target time; null when the file had none. */
  actual: number | null;
  mean: number;
  lower: number;
  upper: number;
  split: Split;
  oodFlag: boolean;
  rowIndex: number;
}

export interface ForecastSeries {
  /** The series column's value, or '' for a run without a series column. */
  name: string;
  /** True when every window of the series is out-of-distribution (a held-out series). */
  oodOnly: boolean;
  /** Windows in time order. */
  points: ForecastPoint[];
}

/**
 * Orders target times: numbers numerically, dates chronologically, anything else as text (ISO
 * dates sort correctly as text too). A mixed pair falls back to text.
 */
export function compareTimes(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  const da = Date.parse(a);
  const db = Date.parse(b);
  if (Number.isFinite(da) && Number.isFinite(db) && da !== db) return da - db;
  return a < b ? -1 : a > b ? 1 : 0;
}

const parseActual = (actual: string | null): number | null => {
  if (actual === null || actual.trim() === '') return null;
  const value = Number(actual);
  return Number.isFinite(value) ? value : null;
};

/**
 * Splits a time-series run's records into one series per value of the series column, each in
 * target-time order (records without a target time are left out). Series are listed by name.
 */
export function forecastSeries(records: readonly RecordPrediction[], keys: SeriesKeys): ForecastSeries[] {
  const bySeries = new Map<string, ForecastPoint[]>();
  for (const record of records) {
    const time = record.ids[keys.time];
    if (time === undefined) continue;
    const name = keys.group ? (record.ids[keys.group] ?? '') : '';
    const points = bySeries.get(name) ?? [];
    bySeries.set(name, points);
    points.push({
      time,
      actual: parseActual(record.actual),
      mean: record.value,
      lower: record.lower,
      upper: record.upper,
      split: record.split,
      oodFlag: record.oodFlag,
      rowIndex: record.rowIndex
    });
  }
  return [...bySeries.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, points]) => ({
      name,
      oodOnly: points.every((p) => p.split === 'ood'),
      points: points.sort((a, b) => compareTimes(a.time, b.time) || a.rowIndex - b.rowIndex)
    }));
}

/** A visible slice [start, end] of a series (inclusive indices into its points). */
export interface TimeRange {
  start: number;
  end: number;
}

/** Keeps a range inside [0, length - 1] with at least `minSpan` points when there are that many. */
export function clampRange(range: TimeRange, length: number, minSpan = 2): TimeRange {
  if (length <= 0) return { start: 0, end: 0 };
  const span = Math.min(length, Math.max(minSpan, Math.round(range.end - range.start + 1)));
  const start = Math.min(Math.max(0, Math.round(range.start)), length - span);
  return { start, end: start + span - 1 };
}

/** Zooms about the centre: factor < 1 shows fewer points (zoom in), > 1 more (zoom out). */
export function zoomRange(range: TimeRange, factor: number, length: number): TimeRange {
  const centre = (range.start + range.end) / 2;
  const span = Math.max(2, Math.round((range.end - range.start + 1) * factor));
  const start = Math.round(centre - (span - 1) / 2);
  return clampRange({ start, end: start + span - 1 }, length);
}

/** Moves the range by a fraction of its own width (negative = earlier), stopping at the ends. */
export function panRange(range: TimeRange, fraction: number, length: number): TimeRange {
  const width = range.end - range.start + 1;
  // Round half away from zero so that panning back and forth is symmetric.
  const shift = Math.sign(fraction) * Math.max(1, Math.round(Math.abs(width * fraction)));
  return clampRange({ start: range.start + shift, end: range.end + shift }, length);
}
