import type { Task } from '@shared/domain/config';
import { AppError } from '@shared/contract/errors';
import type { ParsedTable } from './csv-table';
import { cleanCell, compareValues, parseNumber } from './cell-values';
import { detectTask } from './column-inference';

/**
 * Labels read as the positive class of a binary target, case-insensitively. When exactly one of the
 * two classes is in this list it is the positive class; otherwise the second in compareValues order is.
 */
export const POSITIVE_LABELS: readonly string[] = [
  'yes',
  'y',
  'true',
  't',
  '1',
  'positive',
  'pos',
  'spam',
  'event',
  'case',
  'malignant',
  'abnormal'
];

/** How the target is encoded; fitted on training rows only. */
export interface TargetEncoding {
  task: Task;
  /** Classification: the class of index k is classes[k]; binary: [negative, positive]. Null for regression. */
  classes: string[] | null;
  positiveClass: string | null;
  /** Regression: y is standardized as (value - targetMean) / targetStd (population std, 1 when 0). */
  targetMean: number | null;
  targetStd: number | null;
}

/** "line N" of a data row as a person counts lines in the file (header = line 1, no multi-line cells). */
export function lineOf(rowIndex: number): number {
  return rowIndex + 2;
}

/** Rows whose target cell is present: callers drop unlabelled rows before splitting. */
export function rowsWithTarget(table: ParsedTable, target: string): number[] {
  const col = table.columns.indexOf(target);
  if (col < 0) return [];
  const rows: number[] = [];
  table.rows.forEach((row, i) => {
    if (cleanCell(row[col]) !== null) rows.push(i);
  });
  return rows;
}

export function targetColumnIndex(table: ParsedTable, target: string): number {
  const col = table.columns.indexOf(target);
  if (col < 0) {
    throw new AppError(
      'BAD_DATA',
      `"${table.fileName}" has no column "${target}" to predict. Available columns: ${table.columns.join(', ')}. ` +
        'Choose one of them as the target.',
      { file: table.fileName, column: target }
    );
  }
  return col;
}

/** Binary: [negative, positive] per POSITIVE_LABELS; otherwise sorted by compareValues. */
export function orderClasses(values: Iterable<string>): string[] {
  const classes = [...new Set(values)].sort(compareValues);
  if (classes.length !== 2) return classes;
  const positive = classes.map((c) => POSITIVE_LABELS.includes(c.toLowerCase()));
  return positive[0] && !positive[1] ? [classes[1] as string, classes[0] as string] : classes;
}

export function fitTarget(
  table: ParsedTable,
  target: string,
  trainRows: number[],
  task?: Task
): TargetEncoding {
  const file = table.fileName;
  const col = targetColumnIndex(table, target);
  const values: string[] = [];
  const missingRows: number[] = [];
  for (const r of trainRows) {
    const value = cleanCell(table.rows[r]?.[col]);
    if (value === null) missingRows.push(r);
    else values.push(value);
  }
  if (values.length === 0) {
    throw new AppError(
      'BAD_DATA',
      `The target column "${target}" is missing in every training row of "${file}". Choose another target.`,
      { file, column: target }
    );
  }
  const firstMissing = missingRows[0];
  if (firstMissing !== undefined) {
    throw new AppError(
      'BAD_DATA',
      `The target "${target}" is missing at line ${lineOf(firstMissing)} of "${file}" ` +
        `(${missingRows.length} training row${missingRows.length === 1 ? '' : 's'} in all). ` +
        'Fill in the target or remove those rows.',
      { file, row: lineOf(firstMissing), column: target }
    );
  }
  const resolved = task ?? detectTask(values);
  if (resolved === 'regression') {
    let sum = 0;
    for (let i = 0; i < values.length; i++) {
      const x = parseNumber(values[i]);
      if (x === null) {
        const row = lineOf(trainRows[i] as number);
        throw new AppError(
          'BAD_DATA',
          `The regression target "${target}" is not a number at line ${row} of "${file}" ("${values[i]}"). ` +
            'Fix the value, or choose a classification task.',
          { file, row, column: target }
        );
      }
      sum += x;
    }
    const mean = sum / values.length;
    let ss = 0;
    for (const v of values) ss += ((parseNumber(v) as number) - mean) ** 2;
    const std = Math.sqrt(ss / values.length);
    return {
      task: resolved,
      classes: null,
      positiveClass: null,
      targetMean: mean,
      targetStd: std > 0 && Number.isFinite(std) ? std : 1
    };
  }
  const classes = orderClasses(values);
  if (classes.length < 2) {
    throw new AppError(
      'BAD_DATA',
      `The target "${target}" has a single class ("${classes[0]}") in the training rows, so there is nothing to learn. ` +
        'Choose another target or include rows of other classes.',
      { file, column: target }
    );
  }
  if (resolved === 'binary' && classes.length !== 2) {
    throw new AppError(
      'BAD_DATA',
      `A binary task needs exactly 2 classes but "${target}" has ${classes.length} (${classes.slice(0, 10).join(', ')}). ` +
        'Choose the multiclass task or another target.',
      { file, column: target }
    );
  }
  return {
    task: resolved,
    classes,
    positiveClass: resolved === 'binary' ? (classes[1] as string) : null,
    targetMean: null,
    targetStd: null
  };
}
