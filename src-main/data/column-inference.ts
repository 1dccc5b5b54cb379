import type { Task } from '@shared/domain/config';
import type { ColumnInfo } from '@shared/domain/records';
import { AppError } from '@shared/contract/errors';
import type { ParsedTable } from './csv-table';
import { cleanCell, compareValues, parseNumber } from './cell-values';

/** Non-numeric columns with at most this many distinct values are categorical (one input per value). */
export const CATEGORICAL_MAX_DISTINCT = 100;
/** Mean length (characters) from which a text column whose values rarely repeat is free text. */
export const TEXT_MIN_MEAN_LENGTH = 20;
/** ... and the share of distinct values among its non-missing cells above which they "rarely repeat". */
export const TEXT_MIN_DISTINCT_SHARE = 0.5;
/** A target with up to this many classes is multiclass; more distinct text values are refused. */
export const MULTICLASS_MAX_CLASSES = 50;
/** An integer target with 3..this many distinct values is read as class labels (e.g. digits 0-9). */
export const SMALL_INT_MAX_CLASSES = 10;
/**
 * A column stays numeric when at most this share of its non-missing cells are not numbers (a typo,
 * "Inf", 1e308): those cells are imputed and flagged by preprocessing, instead of one bad cell
 * turning a measurement into a categorical or id column.
 */
export const NUMERIC_MAX_INVALID_SHARE = 0.05;
/** Columns are judged unique-per-row (an id) only with at least this many values. */
const ID_MIN_ROWS = 20;
const EXAMPLES = 5;

/** Names that mark a record identifier: id, pid, uuid, key, and anything ending in _id / -id / .id / " id". */
const ID_NAME = /^(id|pid|uuid|guid|key)$|[_\s.-]id$/i;
/** camelCase identifiers (patientId, recordID); case-sensitive so that "paid" or "fluid" are not ids. */
const CAMEL_ID = /[a-z](Id|ID)$/;

interface ColumnStats {
  values: string[];
  missing: number;
  distinct: Set<string>;
  allNumeric: boolean;
  allInteger: boolean;
  meanLength: number;
}

function columnStats(table: ParsedTable, col: number): ColumnStats {
  const values: string[] = [];
  const distinct = new Set<string>();
  let missing = 0;
  let invalid = 0;
  let allInteger = true;
  let length = 0;
  for (const row of table.rows) {
    const value = cleanCell(row[col]);
    if (value === null) {
      missing++;
      continue;
    }
    values.push(value);
    distinct.add(value);
    length += value.length;
    const x = parseNumber(value);
    if (x === null) invalid++;
    else if (!Number.isInteger(x)) allInteger = false;
  }
  const allNumeric = invalid < values.length && invalid <= NUMERIC_MAX_INVALID_SHARE * values.length;
  return {
    values,
    missing,
    distinct,
    allNumeric: allNumeric && values.length > 0,
    allInteger: allInteger && allNumeric && values.length > 0,
    meanLength: values.length > 0 ? length / values.length : 0
  };
}

function inferRole(name: string, s: ColumnStats): ColumnInfo['role'] {
  const unique = s.values.length >= ID_MIN_ROWS && s.distinct.size === s.values.length;
  if (ID_NAME.test(name) || CAMEL_ID.test(name)) return 'id';
  if (s.values.length === 0) return 'ignore';
  if (s.allNumeric) return unique && s.allInteger && !mayBeMeasure(s) ? 'id' : 'numeric';
  // Free text: long values that rarely repeat (a long label repeated across rows is still a category).
  if (s.meanLength >= TEXT_MIN_MEAN_LENGTH && s.distinct.size > TEXT_MIN_DISTINCT_SHARE * s.values.length)
    return 'text';
  // A short code that never repeats identifies the record; one-hot encoding it would only memorise rows.
  if (unique) return 'id';
  return s.distinct.size <= CATEGORICAL_MAX_DISTINCT ? 'categorical' : 'ignore';
}

/**
 * A unique integer column is a row counter (an id) only when it looks like one: its values are
 * (almost) consecutive. Unique integer measurements (e.g. incomes) are spread out.
 */
function mayBeMeasure(s: ColumnStats): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (const v of s.values) {
    const x = parseNumber(v) ?? 0;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return max - min + 1 > 2 * s.values.length;
}

/**
 * Role, missing count, distinct count and examples of every column. Roles:
 * - id: the name says so (id, pid, *_id, ...) or unique consecutive integers / unique short strings per row;
 * - numeric: the non-missing cells are finite decimal numbers (cell-values.ts), but for at most
 *   NUMERIC_MAX_INVALID_SHARE of them, which preprocessing imputes and flags;
 * - text: a mean length of TEXT_MIN_MEAN_LENGTH characters or more and mostly distinct values;
 * - categorical: other non-numeric columns with at most CATEGORICAL_MAX_DISTINCT distinct values;
 * - ignore: every cell missing, or short codes with too many distinct values to one-hot (a person may
 *   still set the role to categorical).
 * Missing cells are those in MISSING_TOKENS (empty, NA, N/A, NaN, null, ?; case-insensitive).
 */
export function inferColumns(table: ParsedTable, onProgress?: (fraction: number) => void): ColumnInfo[] {
  return table.columns.map((name, col) => {
    const s = columnStats(table, col);
    const examples = [...s.distinct].slice(0, EXAMPLES);
    onProgress?.((col + 1) / table.columns.length);
    return { name, role: inferRole(name, s), missing: s.missing, distinct: s.distinct.size, examples };
  });
}

/**
 * The task a target column implies: 2 distinct values -> binary; 3..MULTICLASS_MAX_CLASSES
 * non-numeric values, or 3..SMALL_INT_MAX_CLASSES integers -> multiclass; other numbers -> regression.
 * Missing cells are skipped. Throws BAD_DATA when the column cannot be a target.
 */
export function detectTask(values: string[]): Task {
  const distinct = new Set<string>();
  let numeric = true;
  let integer = true;
  for (const cell of values) {
    const value = cleanCell(cell);
    if (value === null) continue;
    distinct.add(value);
    const x = parseNumber(value);
    if (x === null) numeric = false;
    else if (!Number.isInteger(x)) integer = false;
  }
  if (distinct.size === 0) {
    throw new AppError(
      'BAD_DATA',
      'The target column has no values (every cell is missing). Choose another target.'
    );
  }
  if (distinct.size === 1) {
    throw new AppError(
      'BAD_DATA',
      `The target column has a single value ("${[...distinct][0]}"), so there is nothing to predict. Choose another target.`
    );
  }
  if (distinct.size === 2) return 'binary';
  if (numeric) return integer && distinct.size <= SMALL_INT_MAX_CLASSES ? 'multiclass' : 'regression';
  if (distinct.size <= MULTICLASS_MAX_CLASSES) return 'multiclass';
  const some = [...distinct].sort(compareValues).slice(0, 5).join('", "');
  throw new AppError(
    'BAD_DATA',
    `The target column has ${distinct.size} distinct text values (e.g. "${some}"); at most ` +
      `${MULTICLASS_MAX_CLASSES} classes are supported. Choose a target with fewer classes, or a numeric target for regression.`
  );
}
