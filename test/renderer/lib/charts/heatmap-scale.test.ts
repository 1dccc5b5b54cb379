import { describe, expect, it } from 'vitest';
import { correlationColor, correlationTextColor } from '../../../../src-renderer/lib/charts/heatmap-scale';

describe('correlationColor', () => {
  it('maps -1, 0 and +1 to the end points and the centre', () => {
    expect(correlationColor(-1)).toBe('rgb(33, 102, 172)');
    expect(correlationColor(0)).toBe('rgb(247, 247, 247)');
    expect(correlationColor(1)).toBe('rgb(178, 24, 43)');
  });
  it('interpolates linearly on each side of 0', () => {
    // Halfway to blue: 247 + (33 - 247)/2 = 140, 247 + (102 - 247)/2 = 174.5 -> 175, (247 + 172)/2 = 209.5 -> 210.
    expect(correlationColor(-0.5)).toBe('rgb(140, 175, 210)');
    // A quarter to red: 247 - 69/4 = 229.75 -> 230, 247 - 223/4 = 191.25 -> 191, 247 - 204/4 = 196.
    expect(correlationColor(0.25)).toBe('rgb(230, 191, 196)');
  });
  it('clamps values outside [-1, 1] and treats NaN as 0', () => {
    expect(correlationColor(1.0000001)).toBe('rgb(178, 24, 43)');
    expect(correlationColor(-3)).toBe('rgb(33, 102, 172)');
    expect(correlationColor(Number.NaN)).toBe('rgb(247, 247, 247)');
  });
  it('writes white text on the dark ends only', () => {
    expect(correlationTextColor(0.9)).toBe('#ffffff');
    expect(correlationTextColor(-0.7)).toBe('#ffffff');
    expect(correlationTextColor(0.3)).toBe('#1d2733');
  });
});
