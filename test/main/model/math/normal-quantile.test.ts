import { describe, expect, it } from 'vitest';
import { centralIntervalZ, normalQuantile } from '../../../../src-main/model/math/normal-quantile';
import { quantileOfDescending } from '../../../../src-main/model/math/quantile';

describe('normalQuantile', () => {
  // Python: statistics.NormalDist().inv_cdf(p)
  const reference: Array<[number, number]> = [
    [0.975, 1.9599639845400536],
    [0.995, 2.5758293035489],
    [0.6, 0.2533471031357998],
    [0.001, -3.090232306167813],
    [1e-10, -6.361340902404056],
    [0.5, 0],
    [0.95, 1.6448536269514715],
    [0.02425, -1.9729610513118845],
    [0.99999, 4.26489079392384]
  ];

  it.each(reference)('Phi^-1(%s) = %s to 1e-8 relative', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(z)));
  });

  it('central interval z: 1.96 for 95%', () => {
    expect(centralIntervalZ(0.95)).toBeCloseTo(1.959963984540054, 8);
    expect(() => centralIntervalZ(1)).toThrow();
    expect(() => normalQuantile(0)).toThrow();
  });
});

describe('quantileOfDescending', () => {
  it('interpolates between order statistics as numpy.quantile (linear)', () => {
    // numpy.quantile([1, 2, 4, 8], [0.025, 0.5, 0.975]) = [1.075, 3.0, 7.7]
    const desc = Float32Array.from([9, 8, 4, 2, 1]);
    expect(quantileOfDescending(desc, 1, 4, 0.025)).toBeCloseTo(1.075, 6);
    expect(quantileOfDescending(desc, 1, 4, 0.5)).toBeCloseTo(3, 6);
    expect(quantileOfDescending(desc, 1, 4, 0.975)).toBeCloseTo(7.7, 6);
    expect(quantileOfDescending(desc, 0, 1, 0.3)).toBe(9);
  });
});
