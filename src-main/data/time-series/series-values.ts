import { AppError } from '@shared/contract/errors';
import type { ParsedTable } from '../csv-table';
import { cleanCell, parseNumber } from '../cell-values';
import { lineOf } from '../target-encoding';

/**
 * Fails with BAD_DATA naming every column of `needed` that the table lacks, so a file with a
 * renamed column is fixed in one go rather than one error at a time.
 */
export function requireColumns(table: ParsedTable, needed: readonly string[], purpose: string): void {
  const have = new Set(table.columns);
  const missing = [...new Set(needed)].filter((c) => !have.has(c));
  if (missing.length === 0) return;
  throw new AppError(
    'BAD_DATA',
    `"${table.fileName}" lacks ${missing.length === 1 ? 'the column' : 'the columns'} ` +
      `${missing.map((c) => `"${c}"`).join(', ')} ${purpose}. Available columns: ${table.columns.join(', ')}.`,
    { file: table.fileName, column: missing[0] as string }
  );
}

/**
 * The numeric value of `column` in every row, NaN where the cell is missing (MISSING_TOKENS). A
 * present cell that is not a number fails with BAD_DATA naming the first such line: the LSTM reads
 * numeric channels only, and a silently imputed typo would hide a broken column.
 */
export function readNumericColumn(table: ParsedTable, column: string): Float64Array {
  const col = table.columns.indexOf(column);
  const values = new Float64Array(table.rows.length).fill(Number.NaN);
  let bad: { row: number; cell: string } | null = null;
  let badCount = 0;
  table.rows.forEach((row, r) => {
    const cell = cleanCell(row[col]);
    if (cell === null) return;
    const x = parseNumber(cell);
    if (x === null) {
      badCount++;
      bad ??= { row: r, cell };
      return;
    }
    values[r] = x;
  });
  if (bad !== null) {
    const { row, cell } = bad as { row: number; cell: string };
    throw new AppError(
      'BAD_DATA',
      `The column "${column}" holds "${cell}" at line ${lineOf(row)} of "${table.fileName}", which is not a number ` +
        `(${badCount} such cell${badCount === 1 ? '' : 's'} in all). Time-series inputs and targets must be numeric: ` +
        'fix the cells, leave them empty to be imputed, or choose other columns.',
      { file: table.fileName, row: lineOf(row), column }
    );
  }
  return values;
}
