import type { OodCondition } from '@shared/domain/config';
import { AppError } from '@shared/contract/errors';
import { createRng, shuffleInPlace } from '@shared/math/random';
import type { ParsedTable } from './csv-table';

export interface RowSplit {
  train: number[];
  validation: number[];
  test: number[];
}

/**
 * Seeded random split of `rows` (row indices). Validation and test get round(n * fraction) rows
 * each (at least one when their fraction is positive); training gets the rest. The same rows, fractions
 * and seed always give the same split; each part is returned in ascending row order.
 */
export function randomSplit(
  rows: number[],
  fractions: { validation: number; test: number },
  seed: number
): RowSplit {
  const { validation, test } = fractions;
  const valid = (f: number): boolean => Number.isFinite(f) && f >= 0 && f < 1;
  if (!valid(validation) || !valid(test) || validation + test >= 1) {
    throw new AppError(
      'BAD_REQUEST',
      `Validation (${validation}) and test (${test}) fractions must each be in [0, 1) and sum to less than 1.`
    );
  }
  const n = rows.length;
  const size = (f: number): number => (f > 0 ? Math.max(1, Math.round(n * f)) : 0);
  const nValidation = size(validation);
  const nTest = size(test);
  if (n - nValidation - nTest < 1) {
    throw new AppError(
      'BAD_DATA',
      `${n} row${n === 1 ? '' : 's'} are too few to split into training, validation and test sets. Use a larger file.`
    );
  }
  const order = shuffleInPlace([...rows], createRng(seed));
  const ascending = (a: number, b: number): number => a - b;
  return {
    test: order.slice(0, nTest).sort(ascending),
    validation: order.slice(nTest, nTest + nValidation).sort(ascending),
    train: order.slice(nTest + nValidation).sort(ascending)
  };
}

/**
 * For each row, whether it matches ANY condition column = value (cell and value compared exactly
 * after trimming whitespace). Fails with BAD_DATA for an unknown column or a condition matching no row,
 * since either means the out-of-distribution set is not what the user asked for.
 */
export function matchOod(table: ParsedTable, conditions: OodCondition[]): boolean[] {
  const matches = new Array<boolean>(table.rows.length).fill(false);
  for (const { column, value } of conditions) {
    const col = table.columns.indexOf(column);
    if (col < 0) {
      throw new AppError(
        'BAD_DATA',
        `The OOD condition refers to a column "${column}" that "${table.fileName}" does not have. ` +
          `Available columns: ${table.columns.join(', ')}.`,
        { file: table.fileName, column }
      );
    }
    const wanted = value.trim();
    let hits = 0;
    table.rows.forEach((row, i) => {
      if ((row[col] ?? '').trim() === wanted) {
        matches[i] = true;
        hits++;
      }
    });
    if (hits === 0) {
      throw new AppError(
        'BAD_DATA',
        `No row of "${table.fileName}" has ${column} = "${wanted}", so this OOD condition selects nothing. ` +
          'Check the spelling of the value (the match is exact, case-sensitive).',
        { file: table.fileName, column }
      );
    }
  }
  return matches;
}
