import type { ColumnRole } from '@shared/domain/config';
import type { ColumnInfo } from '@shared/domain/records';
import { effectiveRole } from './model-dims';

/** A column whose name says it holds time (date, time, day, week, month, year, step). */
const TIME_NAME = /(^|[_\s-])(date|time|timestamp|datetime|day|week|month|year|step|period)s?($|[_\s-])/i;

/** The column a time-series run most likely orders by, or '' when none looks like time. */
export function guessTimeColumn(columns: readonly ColumnInfo[]): string {
  return columns.find((c) => TIME_NAME.test(c.name))?.name ?? '';
}

/**
 * The column a series is grouped by (e.g. a location): a categorical column with a few values,
 * other than the target and the time. '' when there is none.
 */
export function guessSeriesColumn(columns: readonly ColumnInfo[], exclude: readonly string[]): string {
  return (
    columns.find((c) => !exclude.includes(c.name) && c.role === 'categorical' && c.distinct <= 50)?.name ?? ''
  );
}

/** Candidate text columns: those inferred (or set) as text first, then the rest in file order. */
export function textColumnOptions(
  columns: readonly ColumnInfo[],
  overrides: Readonly<Record<string, ColumnRole>>
): string[] {
  const isText = (c: ColumnInfo): boolean => effectiveRole(c, overrides) === 'text';
  return [...columns.filter(isText), ...columns.filter((c) => !isText(c))].map((c) => c.name);
}

/** Numeric columns that can feed an LSTM besides the target's own history. */
export function featureColumnOptions(
  columns: readonly ColumnInfo[],
  overrides: Readonly<Record<string, ColumnRole>>,
  exclude: readonly string[]
): string[] {
  return columns
    .filter((c) => !exclude.includes(c.name) && effectiveRole(c, overrides) === 'numeric')
    .map((c) => c.name);
}
