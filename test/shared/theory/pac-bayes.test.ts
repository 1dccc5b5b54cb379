import { describe, expect, it } from 'vitest';
import { complexityRatio, mcallesterBound, pacBayesSummary } from '@shared/theory/pac-bayes';

describe('mcallesterBound', () => {
  it('matches a hand-worked value', () => {
    // n = 10000, delta = 0.05, KL = 100, L_hat = 0.1:
    // ln(2 * 100 / 0.05) = ln 4000 = 8.2940496406; (100 + 8.2940496406) / 20000 = 0.0054147025;
    // sqrt = 0.0735846620; bound = 0.1735846620.
    expect(mcallesterBound(0.1, 100, 10_000)).toBeCloseTo(0.173584662, 9);
    expect(mcallesterBound(0.1, 100, 10_000, 0.05)).toBe(mcallesterBound(0.1, 100, 10_000));
  });

  it('grows as delta shrinks and with KL, shrinks with n', () => {
    // n = 1, delta = 0.5, KL = 0: sqrt(ln(4) / 2).
    expect(mcallesterBound(0, 0, 1, 0.5)).toBeCloseTo(Math.sqrt(Math.log(4) / 2), 15);
    expect(mcallesterBound(0.2, 5, 100, 0.01)).toBeGreaterThan(mcallesterBound(0.2, 5, 100, 0.05));
    expect(mcallesterBound(0.2, 50, 100)).toBeGreaterThan(mcallesterBound(0.2, 5, 100));
    expect(mcallesterBound(0.2, 5, 1000)).toBeLessThan(mcallesterBound(0.2, 5, 100));
  });

  it('rejects inputs outside its assumptions', () => {
    expect(() => mcallesterBound(1.5, 1, 10)).toThrow(RangeError);
    expect(() => mcallesterBound(0.1, -1, 10)).toThrow(RangeError);
    expect(() => mcallesterBound(0.1, 1, 0)).toThrow(RangeError);
    expect(() => mcallesterBound(0.1, 1, 10, 1)).toThrow(RangeError);
  });
});

describe('complexityRatio', () => {
  it('is sqrt(r (m + n) / (m n))', () => {
    // r = 8, m = n = 128: sqrt(8 * 256 / 16384) = sqrt(1 / 8).
    expect(complexityRatio(8, 128, 128)).toBeCloseTo(Math.sqrt(1 / 8), 15);
    // r = 1, m = 2, n = 2: sqrt(4 / 4) = 1 (a rank-1 factorization of a 2 x 2 matrix saves nothing).
    expect(complexityRatio(1, 2, 2)).toBe(1);
    expect(() => complexityRatio(0, 2, 2)).toThrow(RangeError);
  });
});

describe('pacBayesSummary', () => {
  it('records the inputs, delta 0.05 by default, and the bound', () => {
    expect(pacBayesSummary({ kl: 100, risk: 0.1, loss: '0-1 loss', n: 10_000, bayesianParams: 42 })).toEqual({
      kl: 100,
      empiricalRisk: 0.1,
      n: 10_000,
      delta: 0.05,
      bound: mcallesterBound(0.1, 100, 10_000, 0.05),
      loss: '0-1 loss',
      bayesianParams: 42
    });
    expect(
      pacBayesSummary({ kl: 1, risk: 0, loss: 'x', n: 1, bayesianParams: 2, delta: 0.5 }).bound
    ).toBeCloseTo(Math.sqrt((1 + Math.log(4)) / 2), 15);
  });
});
