import type { Method } from '@shared/domain/config';
import type { Align } from '../cli/text-table';
import type { Spread } from './paper-aggregate';
import type { PaperColumn } from './paper-columns';
import { PAPER_METHOD_LABELS } from './paper-datasets';

/** A number with `digits` decimals and thousands separators ("8,882", "0.802"). */
export function formatNumber(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * "mean ± sd" at the column's precision; the mean alone when the seeds agree exactly (one seed, or
 * a parameter count); "-" when no finished run reported the number.
 */
export function formatSpread(s: Spread | null, digits: number): string {
  if (s === null) return '-';
  const m = formatNumber(s.mean, digits);
  return s.sd === 0 ? m : `${m} ± ${formatNumber(s.sd, digits)}`;
}

/** A GitHub-flavoured markdown table, its cells padded so the file reads as a table too. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[]
): string[] {
  const widths = header.map((h, c) => Math.max(3, h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const pad = (cell: string, c: number): string => {
    const width = widths[c] ?? 0;
    return align[c] === 'right' ? cell.padStart(width) : cell.padEnd(width);
  };
  const line = (cells: readonly string[]): string =>
    `| ${header.map((_, c) => pad(cells[c] ?? '', c)).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (align[c] === 'right' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)];
}

/** Spreads of one row by column key. */
type SpreadCells = Record<string, Spread | null>;

/** A table with a first column of row labels, then the columns' spreads as mean ± sd, right-aligned. */
function spreadTable(
  first: { header: string; align: Align },
  rows: ReadonlyArray<{ label: string; cells: SpreadCells }>,
  columns: readonly PaperColumn[]
): string[] {
  return markdownTable(
    [first.header, ...columns.map((c) => c.label)],
    rows.map((row) => [row.label, ...columns.map((c) => formatSpread(row.cells[c.key] ?? null, c.digits))]),
    [first.align, ...columns.map((): Align => 'right')]
  );
}

/** One method's row of a dataset's table: its spreads by column key. */
export interface MethodRow {
  method: Method;
  cells: SpreadCells;
}

/** METHOD.md section 8's table for one dataset: rows = methods, columns = metrics as mean ± sd. */
export function methodsTable(rows: readonly MethodRow[], columns: readonly PaperColumn[]): string[] {
  return spreadTable(
    { header: 'method', align: 'left' },
    rows.map((row) => ({ label: PAPER_METHOD_LABELS[row.method], cells: row.cells })),
    columns
  );
}

/** One rank of the sweep: its spreads by column key. */
export interface SweepRow {
  rank: number;
  cells: SpreadCells;
}

/** The rank sweep (METHOD.md section 7): r, then the sweep's columns as mean ± sd. */
export function rankSweepTable(rows: readonly SweepRow[], columns: readonly PaperColumn[]): string[] {
  return spreadTable(
    { header: 'r', align: 'right' },
    rows.map((row) => ({ label: String(row.rank), cells: row.cells })),
    columns
  );
}
