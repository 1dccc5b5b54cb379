import { describe, expect, it } from 'vitest';
import {
  parseChoice,
  parseFraction,
  parseList,
  parseNumber,
  parseNumberList,
  parsePercent,
  parsePositive,
  parsePositiveIntegers,
  parseRunId
} from '../../../src-main/cli/flag-values';

describe('option values', () => {
  it('parses numbers and lists of numbers, naming the option otherwise', () => {
    expect(parseNumber('lr', '0.003')).toBe(0.003);
    expect(parseNumber('lr', undefined)).toBeUndefined();
    expect(() => parseNumber('lr', ' ')).toThrow('--lr takes a number, got " ".');
    expect(parseNumberList('hidden', '64, 32')).toEqual([64, 32]);
    expect(() => parseNumberList('hidden', '64,,32')).toThrow('--hidden takes comma-separated numbers');
    expect(parseList(' a, ,b ')).toEqual(['a', 'b']);
  });

  it('takes one of a fixed set of words', () => {
    expect(parseChoice('arch', ['mlp', 'lstm'], 'lstm')).toBe('lstm');
    expect(parseChoice('arch', ['mlp', 'lstm'], undefined)).toBeUndefined();
    expect(() => parseChoice('arch', ['mlp', 'lstm'], 'MLP')).toThrow(
      '--arch takes one of mlp, lstm; got "MLP".'
    );
  });

  it('takes a fraction strictly between 0 and 1', () => {
    expect(parseFraction('energy', '0.95')).toBe(0.95);
    expect(parseFraction('energy', undefined)).toBeUndefined();
    for (const bad of ['0', '1', '1.5', '-0.2'])
      expect(() => parseFraction('energy', bad)).toThrow(
        `--energy takes a number between 0 and 1 (e.g. 0.9), got "${bad}".`
      );
  });

  it('takes a percentage from 0 to 100 inclusive', () => {
    expect(parsePercent('refer', '0')).toBe(0);
    expect(parsePercent('refer', '100')).toBe(100);
    expect(parsePercent('refer', '12.5')).toBe(12.5);
    expect(parsePercent('refer', undefined)).toBeUndefined();
    for (const bad of ['-1', '100.5'])
      expect(() => parsePercent('refer', bad)).toThrow(
        `--refer takes a percentage from 0 to 100 (e.g. 10), got "${bad}".`
      );
    expect(() => parsePercent('refer', 'ten')).toThrow('--refer takes a number, got "ten".');
  });

  it('takes a number above 0', () => {
    expect(parsePositive('wider-than', '0.25')).toBe(0.25);
    expect(parsePositive('wider-than', undefined)).toBeUndefined();
    for (const bad of ['0', '-3'])
      expect(() => parsePositive('wider-than', bad)).toThrow(
        `--wider-than takes a number above 0, got "${bad}".`
      );
  });

  it('takes ranks as positive whole numbers, at most a given count', () => {
    expect(parsePositiveIntegers('ranks', '2,4,8,16,32', 16)).toEqual([2, 4, 8, 16, 32]);
    expect(() => parsePositiveIntegers('ranks', '2,0', 16)).toThrow('--ranks takes positive whole numbers');
    expect(() => parsePositiveIntegers('ranks', '2.5', 16)).toThrow('--ranks takes positive whole numbers');
    expect(() => parsePositiveIntegers('ranks', '1,2,3', 2)).toThrow(
      '--ranks takes at most 2 values, got 3.'
    );
  });

  it('takes run ids as positive whole numbers', () => {
    expect(parseRunId('12')).toBe(12);
    for (const bad of ['0', '-1', '1.5', 'abc', ''])
      expect(() => parseRunId(bad)).toThrow(`Run ids are positive whole numbers, got "${bad}".`);
  });
});
