import { AppError } from '@shared/contract/errors';
import type { ParsedTable } from '../csv-table';
import { cleanCell } from '../cell-values';
import { lineOf } from '../target-encoding';
import type { TimeColumn } from './time-values';
import { REPORT_EXAMPLES } from './series-report';
import type { DuplicateExample, GapExample, SeriesSummary } from './series-report';

/** One series in time order, duplicates left out. Positions index rows, times and segment alike. */
export interface OrderedSeries {
  /** The series column's value; null when the table is one series. */
  key: string | null;
  /** Row indices into table.rows (0-based data rows), ascending in time. */
  rows: number[];
  times: number[];
  /** The step gaps are judged by (see orderSeries). */
  step: number | null;
  /** segment[p]: the index of the gap-free stretch position p lies in; a window must stay in one. */
  segment: number[];
}

export interface OrderedTable {
  series: OrderedSeries[];
  summaries: SeriesSummary[];
  duplicates: { count: number; examples: DuplicateExample[] };
  gaps: { count: number; examples: GapExample[] };
}

/**
 * Numeric steps such as 0.1 accumulate rounding (0.3 - 0.2 != 0.1 in binary); differences are
 * compared at 12 significant digits so that a regular grid is recognised as one.
 */
function difference(a: number, b: number): number {
  return Number((b - a).toPrecision(12));
}

/** The most common difference between consecutive times (the smaller on a tie), or null with fewer than 2. */
export function mostCommonStep(times: readonly number[]): number | null {
  const counts = new Map<number, number>();
  for (let p = 1; p < times.length; p++) {
    const d = difference(times[p - 1] as number, times[p] as number);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const [d, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && d < best))
      [best, bestCount] = [d, count];
  }
  return best;
}

function groupRows(table: ParsedTable, group: string | null): Map<string | null, number[]> {
  const byKey = new Map<string | null, number[]>();
  if (group === null) {
    byKey.set(
      null,
      table.rows.map((_, r) => r)
    );
    return byKey;
  }
  const col = table.columns.indexOf(group);
  table.rows.forEach((row, r) => {
    const key = cleanCell(row[col]);
    if (key === null) {
      throw new AppError(
        'BAD_DATA',
        `The series column "${group}" is empty at line ${lineOf(r)} of "${table.fileName}", so the row belongs to no series. ` +
          'Fill it in or remove the row.',
        { file: table.fileName, row: lineOf(r), column: group }
      );
    }
    const rows = byKey.get(key);
    if (rows) rows.push(r);
    else byKey.set(key, [r]);
  });
  return byKey;
}

/**
 * Splits the table into series by the `group` column (one series when null; series in order of
 * first appearance), sorts each by time, and checks it:
 * - duplicate timestamps: the first row in file order is kept, the others are left out and reported;
 * - gaps: the series' step is its most common difference (or `step` when given, e.g. the step the
 *   model was trained with); any other difference starts a new gap-free segment and is reported.
 */
export function orderSeries(
  table: ParsedTable,
  time: TimeColumn,
  group: string | null,
  step?: number
): OrderedTable {
  const series: OrderedSeries[] = [];
  const summaries: SeriesSummary[] = [];
  const duplicates: OrderedTable['duplicates'] = { count: 0, examples: [] };
  const gaps: OrderedTable['gaps'] = { count: 0, examples: [] };
  for (const [key, fileOrder] of groupRows(table, group)) {
    // Array.prototype.sort is stable: among equal times the earliest line comes first and is kept.
    const sorted = [...fileOrder].sort((a, b) => (time.values[a] as number) - (time.values[b] as number));
    const rows: number[] = [];
    let last: DuplicateExample | null = null;
    for (const r of sorted) {
      const prev = rows[rows.length - 1];
      if (prev === undefined || time.values[prev] !== time.values[r]) {
        rows.push(r);
        last = null;
        continue;
      }
      duplicates.count++;
      if (last === null) {
        last = { series: key, time: time.text[prev] as string, keptLine: lineOf(prev), droppedLines: [] };
        if (duplicates.examples.length < REPORT_EXAMPLES) duplicates.examples.push(last);
      }
      last.droppedLines.push(lineOf(r));
    }
    const times = rows.map((r) => time.values[r] as number);
    const seriesStep = step ?? mostCommonStep(times);
    const segment: number[] = [];
    let current = 0;
    rows.forEach((r, p) => {
      if (p > 0 && seriesStep !== null) {
        const d = difference(times[p - 1] as number, times[p] as number);
        if (d !== seriesStep) {
          current++;
          gaps.count++;
          if (gaps.examples.length < REPORT_EXAMPLES) {
            const before = rows[p - 1] as number;
            gaps.examples.push({
              series: key,
              from: time.text[before] as string,
              to: time.text[r] as string,
              fromLine: lineOf(before),
              toLine: lineOf(r),
              steps: Number((d / seriesStep).toPrecision(6))
            });
          }
        }
      }
      segment.push(current);
    });
    series.push({ key, rows, times, step: seriesStep, segment });
    summaries.push({
      series: key,
      rows: rows.length,
      first: time.text[rows[0] as number] as string,
      last: time.text[rows[rows.length - 1] as number] as string,
      step: seriesStep
    });
  }
  return { series, summaries, duplicates, gaps };
}
