export type Align = 'left' | 'right';

/**
 * Rows of cells as lines of aligned columns, two spaces apart. `align` gives every column's
 * alignment, or each column's (left when absent); trailing spaces are trimmed.
 */
export function formatTable(
  rows: readonly (readonly string[])[],
  align: Align | readonly Align[] = 'left'
): string[] {
  const alignOf = (c: number): Align => (typeof align === 'string' ? align : (align[c] ?? 'left'));
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) =>
    Math.max(0, ...rows.map((r) => (r[c] ?? '').length))
  );
  return rows.map((row) =>
    widths
      .map((width, c) => {
        const cell = row[c] ?? '';
        return alignOf(c) === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd()
  );
}
