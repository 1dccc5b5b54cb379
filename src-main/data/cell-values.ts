/**
 * How the data layer reads one cell of text: which tokens mean "missing", what counts as a number,
 * and the deterministic order in which distinct values are listed. Column inference, preprocessing
 * and OOD matching all read cells through these functions so they can never disagree.
 */

/**
 * Tokens read as a missing value, compared case-insensitively after trimming whitespace:
 * the empty string, NA, N/A, NaN, null and ?.
 */
export const MISSING_TOKENS: readonly string[] = ['', 'na', 'n/a', 'nan', 'null', '?'];

const MISSING = new Set(MISSING_TOKENS);

/** Plain decimal notation only: no hex, no "Infinity", no thousands separators. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Magnitudes above this are treated as corrupt (they overflow float32 and any later square). */
export const MAX_ABS_NUMBER = 1e300;

export function isMissing(cell: string | undefined): boolean {
  return cell === undefined || MISSING.has(cell.trim().toLowerCase());
}

/** The number a cell holds, or null when it is missing, not decimal, not finite or absurdly large. */
export function parseNumber(cell: string | undefined): number | null {
  if (cell === undefined) return null;
  const text = cell.trim();
  if (!DECIMAL.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) && Math.abs(value) <= MAX_ABS_NUMBER ? value : null;
}

/** The trimmed text of a cell, or null when it is missing. */
export function cleanCell(cell: string | undefined): string | null {
  return cell === undefined || isMissing(cell) ? null : cell.trim();
}

/**
 * Order of distinct values wherever the app lists them (categories, classes): numerically when
 * both values are numbers, otherwise by code unit, numbers first. Locale-free so that a model
 * trained on one machine encodes the same way on another.
 */
export function compareValues(a: string, b: string): number {
  const x = parseNumber(a);
  const y = parseNumber(b);
  if (x !== null && y !== null) return x - y || (a < b ? -1 : a > b ? 1 : 0);
  if (x !== null) return -1;
  if (y !== null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
