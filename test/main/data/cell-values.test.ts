import { describe, expect, it } from 'vitest';
import { cleanCell, compareValues, isMissing, parseNumber } from '../../../src-main/data/cell-values';

describe('cell values', () => {
  it('reads the documented missing tokens case-insensitively after trimming', () => {
    for (const cell of ['', '  ', 'NA', 'na', 'N/A', 'NaN', 'nan', 'NULL', 'null', '?', ' ? ']) {
      expect(isMissing(cell)).toBe(true);
    }
    for (const cell of ['0', 'none', 'N', '-']) expect(isMissing(cell)).toBe(false);
  });

  it('parses plain decimals only, refusing hex, infinities and values beyond 1e300', () => {
    expect(parseNumber(' -1.5e3 ')).toBe(-1500);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('7.')).toBe(7);
    for (const cell of ['0x10', 'Infinity', '1e301', '1,5', '12abc', '', 'NaN'])
      expect(parseNumber(cell)).toBeNull();
  });

  it('cleans cells to trimmed text or null', () => {
    expect(cleanCell(' yes ')).toBe('yes');
    expect(cleanCell('NA')).toBeNull();
  });

  it('orders numbers numerically before text, text by code unit', () => {
    expect(['10', 'b', '9', 'B', '-1'].sort(compareValues)).toEqual(['-1', '9', '10', 'B', 'b']);
  });
});
