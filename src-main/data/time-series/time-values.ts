import { AppError } from '@shared/contract/errors';
import type { ParsedTable } from '../csv-table';
import { cleanCell, parseNumber } from '../cell-values';
import { lineOf } from '../target-encoding';

/**
 * How a time column is read: ISO dates (ordered in milliseconds since 1970-01-01 UTC) or plain
 * numeric steps (1, 2, 3 or 2012.5). A column is one or the other, never a mix.
 */
export type TimeKind = 'date' | 'number';

/** The parsed time of every data row, in row order. */
export interface TimeColumn {
  name: string;
  kind: TimeKind;
  /** Milliseconds (dates) or the number itself (steps), per row. */
  values: number[];
  /** The cell as written in the file (trimmed), per row: what the records show as the target time. */
  text: string[];
}

/**
 * YYYY-MM-DD, optionally followed by T or a space and HH:MM[:SS[.fraction]], optionally with Z or
 * an offset (+HH:MM, +HHMM). A time without an offset is read as UTC: the series is ordered by its
 * wall-clock stamps, so a daylight-saving change never creates a fake gap or duplicate.
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** Milliseconds since 1970-01-01 UTC of an ISO date or date-time; null when the text is not one or not a real date. */
export function parseIsoTime(text: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Number(`0.${m[7] ?? '0'}`) * 1000;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) + ms;
  // Date.UTC rolls 2015-02-30 over to March 2: refuse any day the month does not have.
  if (new Date(utc).getUTCDate() !== day) return null;
  const offset = m[8];
  if (offset === undefined || offset === 'Z') return utc;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return utc - sign * minutes * MS_PER_MINUTE;
}

function kindOf(text: string): TimeKind | null {
  if (parseIsoTime(text) !== null) return 'date';
  return parseNumber(text) !== null ? 'number' : null;
}

/** The time a value of `kind` denotes, or null when the text is not such a value. */
export function parseTimeValue(text: string, kind: TimeKind): number | null {
  return kind === 'date' ? parseIsoTime(text) : parseNumber(text);
}

/**
 * Parses the time column `name` of every row. The kind is that of the first row; a cell that is
 * missing, neither a date nor a number, or of the other kind fails with BAD_DATA naming the file,
 * line and column, since a row that cannot be placed in time cannot be windowed.
 */
export function parseTimeColumn(table: ParsedTable, name: string): TimeColumn {
  const file = table.fileName;
  const col = table.columns.indexOf(name);
  if (col < 0) {
    throw new AppError(
      'BAD_DATA',
      `"${file}" has no time column "${name}". Available columns: ${table.columns.join(', ')}.`,
      { file, column: name }
    );
  }
  let kind: TimeKind | null = null;
  const values: number[] = [];
  const text: string[] = [];
  table.rows.forEach((row, r) => {
    const cell = cleanCell(row[col]);
    const fail = (what: string): AppError =>
      new AppError(
        'BAD_DATA',
        `The time column "${name}" ${what} at line ${lineOf(r)} of "${file}". ` +
          'Every row needs a date (YYYY-MM-DD, optionally with a time such as 2015-03-01 14:00) or a numeric step.',
        { file, row: lineOf(r), column: name }
      );
    if (cell === null) throw fail('is empty');
    const own = kindOf(cell);
    if (own === null) throw fail(`holds "${cell}", which is neither a date nor a number`);
    kind ??= own;
    if (own !== kind) {
      throw fail(
        `holds ${own === 'date' ? 'the date' : 'the number'} "${cell}" although earlier rows hold ${kind === 'date' ? 'dates' : 'numbers'}`
      );
    }
    values.push(parseTimeValue(cell, kind) as number);
    text.push(cell);
  });
  return { name, kind: kind ?? 'number', values, text };
}

/** A step in words for reports: "1 day", "6 hours", "15 minutes", or the number of time units. */
export function describeStep(step: number, kind: TimeKind): string {
  if (kind === 'number') return `${step} time unit${step === 1 ? '' : 's'}`;
  const units: [number, string][] = [
    [MS_PER_DAY, 'day'],
    [3_600_000, 'hour'],
    [MS_PER_MINUTE, 'minute'],
    [1000, 'second']
  ];
  for (const [size, unit] of units) {
    if (step % size === 0) {
      const n = step / size;
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${step} ms`;
}
