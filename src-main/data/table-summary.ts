import type { ColumnInfo } from '@shared/domain/records';
import { parseTable } from './csv-table';
import { inferColumns } from './column-inference';

/** What the database stores about a table besides its bytes. */
export interface TableSummary {
  rowCount: number;
  delimiter: string;
  columns: ColumnInfo[];
}

/** Share of the progress given to parsing; summarizing the columns takes the rest. */
const PARSE_SHARE = 0.6;

/**
 * Parses and summarizes a table (BAD_DATA naming the file, line and column for anything unusable),
 * reporting progress from 0 to 1.
 */
export function summarizeTable(
  content: string,
  fileName: string,
  onProgress?: (fraction: number) => void
): TableSummary {
  const table = parseTable(content, fileName, (f) => onProgress?.(PARSE_SHARE * f));
  const columns = inferColumns(table, (f) => onProgress?.(PARSE_SHARE + (1 - PARSE_SHARE) * f));
  return { rowCount: table.rows.length, delimiter: table.delimiter, columns };
}
