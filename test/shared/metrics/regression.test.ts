import { describe, expect, it } from 'vitest';
import {
  crpsGaussian,
  gaussianNll,
  intervalScore,
  mae,
  mpiw,
  picp,
  r2,
  rmse
} from '@shared/metrics/regression';
import { erf } from '@shared/metrics/normal';
import { reference } from './reference';

describe('regression metrics against scikit-learn / scipy', () => {
  for (const c of reference.regression) {
    it(`matches on "${c.name}"`, () => {
      expect(r2(c.mean, c.y)).toBeCloseTo(c.r2, 12);
      if (!c.std || !c.lower || !c.upper) return;
      expect(mae(c.mean, c.y)).toBeCloseTo(c.mae ?? NaN, 12);
      expect(rmse(c.mean, c.y)).toBeCloseTo(c.rmse ?? NaN, 12);
      expect(gaussianNll(c.mean, c.std, c.y)).toBeCloseTo(c.gaussianNll ?? NaN, 12);
      // Reference CRPS is a numerical integral of the definition; quad is accurate to about 1e-10.
      expect(crpsGaussian(c.mean, c.std, c.y)).toBeCloseTo(c.crps ?? NaN, 9);
      expect(picp(c.lower, c.upper, c.y)).toBeCloseTo(c.picp ?? NaN, 12);
      expect(mpiw(c.lower, c.upper)).toBeCloseTo(c.mpiw ?? NaN, 12);
      expect(intervalScore(c.lower, c.upper, c.y, 0.05)).toBeCloseTo(c.intervalScore ?? NaN, 9);
    });
  }
});

describe('hand-worked regression examples', () => {
  it('CRPS at the mean is std (sqrt 2 - 1) / sqrt pi', () => {
    expect(crpsGaussian([0], [1], [0])).toBeCloseTo((Math.SQRT2 - 1) / Math.sqrt(Math.PI), 14);
    expect(crpsGaussian([5], [3], [5])).toBeCloseTo((3 * (Math.SQRT2 - 1)) / Math.sqrt(Math.PI), 14);
  });

  it('CRPS tends to the absolute error as std goes to 0', () => {
    expect(crpsGaussian([1], [1e-9], [3])).toBeCloseTo(2, 8);
  });

  it('interval score adds 2/alpha times the miss distance', () => {
    // Width 2; y = 4 misses the upper bound 1 by 3: 2 + (2 / 0.1) * 3 = 62. Inside: just the width.
    expect(intervalScore([-1, -1], [1, 1], [4, 0], 0.1)).toBeCloseTo((62 + 2) / 2, 12);
  });

  it('PICP counts the bounds as inside', () => {
    expect(picp([0, 0, 0], [1, 1, 1], [0, 1, 1.0001])).toBeCloseTo(2 / 3, 12);
  });

  it('Gaussian NLL of y = mean with std 1 is log(2 pi) / 2', () => {
    expect(gaussianNll([2], [1], [2])).toBeCloseTo(0.5 * Math.log(2 * Math.PI), 14);
    expect(() => gaussianNll([0], [0], [0])).toThrow(RangeError);
  });
});

describe('erf', () => {
  for (const { x, erf: expected, erfc } of reference.erf) {
    it(`matches Python math.erf at ${x}`, () => {
      expect(Math.abs(erf(x) - expected)).toBeLessThan(1e-15);
      // Where erfc is still resolvable in double precision (x < 6), 1 - erf keeps its relative accuracy.
      if (x >= 3 && x < 5) expect(Math.abs(1 - erf(x) - erfc) / erfc).toBeLessThan(1e-6);
    });
  }
});
