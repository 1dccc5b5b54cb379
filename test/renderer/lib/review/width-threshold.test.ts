import { describe, expect, it } from 'vitest';
import { parseWidthThreshold } from '../../../../src-renderer/lib/review/width-threshold';

describe('parseWidthThreshold', () => {
  it('empty means no width rule', () => {
    expect(parseWidthThreshold('')).toBeNull();
    expect(parseWidthThreshold('   ')).toBeNull();
  });

  it('takes a positive number', () => {
    expect(parseWidthThreshold('0.4')).toBe(0.4);
    expect(parseWidthThreshold(' 12 ')).toBe(12);
  });

  it('rejects zero, negatives and text', () => {
    expect(parseWidthThreshold('0')).toBeUndefined();
    expect(parseWidthThreshold('-1')).toBeUndefined();
    expect(parseWidthThreshold('wide')).toBeUndefined();
    expect(parseWidthThreshold('Infinity')).toBeUndefined();
  });
});
