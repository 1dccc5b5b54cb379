import Papa from 'papaparse';
import type { ParsedTable } from '../data/csv-table';

/**
 * How many rows each stratum keeps when `rows` are drawn in proportion to the strata's sizes: the
 * floors of the exact shares, then one more row to the strata with the largest remainders (ties:
 * the stratum seen first), so the counts add up to `rows` exactly.
 */
export function stratumQuotas(sizes: readonly number[], rows: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (rows >= total) return [...sizes];
  const shares = sizes.map((size) => (size * rows) / total);
  const quotas = shares.map(Math.floor);
  let left = rows - quotas.reduce((a, b) => a + b, 0);
  const byRemainder = shares
    .map((share, i) => ({ i, remainder: share - Math.floor(share) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    quotas[i] = (quotas[i] ?? 0) + 1;
    left -= 1;
  }
  return quotas;
}

/**
 * A deterministic subsample of `rows` rows stratified by the values of one column: every stratum
 * keeps its share (stratumQuotas), taken at evenly spaced positions through the stratum
 * (position floor(k * size / quota) for k = 0..quota-1) so that a file ordered in time is
 * covered from start to end. Returns the kept row indices in file order.
 */
export function stratifiedRowIndices(values: readonly string[], rows: number): number[] {
  const strata = new Map<string, number[]>();
  values.forEach((value, index) => {
    const members = strata.get(value);
    if (members) members.push(index);
    else strata.set(value, [index]);
  });
  const groups = [...strata.values()];
  const quotas = stratumQuotas(
    groups.map((g) => g.length),
    rows
  );
  const kept = groups.flatMap((members, g) => {
    const quota = quotas[g] ?? 0;
    return Array.from({ length: quota }, (_, k) => members[Math.floor((k * members.length) / quota)] ?? 0);
  });
  return kept.sort((a, b) => a - b);
}

/** The CSV text of the table's header and the rows of `stratifiedRowIndices` on `column`. */
export function stratifiedSubsampleCsv(table: ParsedTable, column: string, rows: number): string {
  const at = table.columns.indexOf(column);
  if (at < 0) throw new Error(`The subsample is stratified by "${column}", which ${table.fileName} lacks.`);
  const indices = stratifiedRowIndices(
    table.rows.map((row) => row[at] ?? ''),
    rows
  );
  const kept = indices.map((i) => table.rows[i] ?? []);
  return `${Papa.unparse([table.columns, ...kept], { newline: '\n' })}\n`;
}
