import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, formatPercent } from '../../../src-renderer/lib/format';

describe('format', () => {
  it('formats durations as h/min/s', () => {
    expect(formatDuration(3725)).toBe('1 h 02 min');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(null)).toBe('—');
  });

  it('formats numbers to significant digits, tiny and huge ones in exponent form', () => {
    expect(formatNumber(0.123456)).toBe('0.123');
    expect(formatNumber(1234.5)).toBe('1230');
    expect(formatNumber(0.00001234)).toBe('1.23e-5');
    expect(formatNumber(null)).toBe('—');
    expect(formatPercent(0.0512)).toBe('5.1%');
  });
});
