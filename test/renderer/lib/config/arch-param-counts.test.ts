import { describe, expect, it } from 'vitest';
import { headsProblem } from '../../../../src-renderer/lib/config/arch-param-counts';

describe('headsProblem', () => {
  it('accepts d_model divisible by the heads and explains the fix otherwise', () => {
    expect(headsProblem(64, 4)).toBeNull();
    const message = headsProblem(64, 5);
    expect(message).toContain('d_model (64) must be a multiple of the number of heads (5)');
    expect(message).toContain('Try 65 or 4 heads');
  });
});
