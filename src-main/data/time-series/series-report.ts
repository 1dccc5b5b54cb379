import type { TimeKind } from './time-values';
import { describeStep } from './time-values';

/** How many examples a report lists per problem; the counts are always complete. */
export const REPORT_EXAMPLES = 5;

/** Rows sharing one timestamp within a series: the first (in file order) is kept, the others left out. */
export interface DuplicateExample {
  /** The series column's value; null when the table is one series. */
  series: string | null;
  /** The timestamp as written in the kept row. */
  time: string;
  keptLine: number;
  droppedLines: number[];
}

/**
 * Two consecutive rows of a series whose time difference is not the series' step. `steps` is the
 * difference in steps: 3 means two steps are missing; 0.5 means the rows are off the regular grid.
 */
export interface GapExample {
  series: string | null;
  from: string;
  to: string;
  fromLine: number;
  toLine: number;
  steps: number;
}

/** Per series: its rows once duplicates are left out, its time range and its step. */
export interface SeriesSummary {
  series: string | null;
  rows: number;
  first: string;
  last: string;
  /** Most common difference between consecutive times (ms for dates); null with fewer than 2 rows. */
  step: number | null;
}

/** What happened to the candidate windows (every step t with W steps of history and a row at t + horizon). */
export interface WindowCounts {
  /** Windows kept in some split (train, validation, test or OOD). */
  kept: number;
  /** Skipped because the span t-W+1 .. t+horizon crosses a gap. */
  acrossGaps: number;
  /** Skipped from training and evaluation because the target at t+horizon is missing (OOD windows keep them). */
  withoutTarget: number;
  /** Dropped because their span crosses a train / validation / test boundary (chronological-split.ts). */
  atSplitBoundaries: number;
  /** In-distribution windows dropped because their span touches an OOD row (--ood-where on a non-series column). */
  touchingOod: number;
  /** Kept windows with at least one imputed input. */
  imputed: number;
}

/** The structured report of a time-series import: nothing is dropped without being counted here. */
export interface SeriesReport {
  timeColumn: string;
  timeKind: TimeKind;
  group: string | null;
  series: SeriesSummary[];
  /** Rows left out as duplicates (the first row of each timestamp is kept). */
  duplicates: { count: number; examples: DuplicateExample[] };
  gaps: { count: number; examples: GapExample[] };
  windows: WindowCounts;
}

export function emptyWindowCounts(): WindowCounts {
  return { kept: 0, acrossGaps: 0, withoutTarget: 0, atSplitBoundaries: 0, touchingOod: 0, imputed: 0 };
}

function seriesName(series: string | null): string {
  return series === null ? '' : ` (${series})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The report as the lines a person reads in the run's notes: one line per series, then duplicates,
 * gaps and skipped windows with their first examples (lines as an editor counts them).
 */
export function summarizeSeriesReport(report: SeriesReport): string[] {
  const lines: string[] = [];
  for (const s of report.series) {
    const step = s.step === null ? 'a single row' : `step ${describeStep(s.step, report.timeKind)}`;
    const name = s.series === null ? 'The series' : `Series ${s.series}`;
    lines.push(`${name}: ${plural(s.rows, 'row')} from ${s.first} to ${s.last}, ${step}.`);
  }
  const { duplicates, gaps, windows } = report;
  if (duplicates.count > 0) {
    const examples = duplicates.examples
      .map(
        (d) =>
          `${d.time}${seriesName(d.series)}: kept line ${d.keptLine}, left out ${d.droppedLines.join(', ')}`
      )
      .join('; ');
    lines.push(
      `${plural(duplicates.count, 'row')} left out as duplicate timestamps (the first row is kept). ${examples}.`
    );
  }
  if (gaps.count > 0) {
    const examples = gaps.examples
      .map(
        (g) =>
          `${g.from} -> ${g.to}${seriesName(g.series)}, lines ${g.fromLine}-${g.toLine}, ${g.steps} steps`
      )
      .join('; ');
    lines.push(`${plural(gaps.count, 'gap')} in time: no window spans one. ${examples}.`);
  }
  const skipped: string[] = [];
  if (windows.acrossGaps > 0) skipped.push(`${windows.acrossGaps} across a gap`);
  if (windows.withoutTarget > 0) skipped.push(`${windows.withoutTarget} without a target value`);
  if (windows.atSplitBoundaries > 0) skipped.push(`${windows.atSplitBoundaries} at split boundaries`);
  if (windows.touchingOod > 0) skipped.push(`${windows.touchingOod} touching out-of-distribution rows`);
  lines.push(
    `${plural(windows.kept, 'window')} kept` + (skipped.length > 0 ? `; skipped ${skipped.join(', ')}.` : '.')
  );
  if (windows.imputed > 0) {
    lines.push(`${plural(windows.imputed, 'window')} had missing inputs imputed with the training mean.`);
  }
  return lines;
}
