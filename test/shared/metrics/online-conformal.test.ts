import { describe, expect, it } from 'vitest';
import { createRng } from '@shared/math/random';
import { conformalQuantile, onlineConformalQuantiles } from '@shared/metrics/conformal';

describe('onlineConformalQuantiles', () => {
  it('takes each quantile over the calibration and earlier scores, and steps alpha by ACI (hand-worked)', () => {
    // Step 1: pool [1,2,3,4], level 0.5: k = ceil(5 * 0.5) = 3 -> q = 3; score 5 missed;
    //   alpha = 0.5 + 0.1 (0.5 - 1) = 0.45.
    // Step 2: pool [1,2,3,4,5], level 0.55: k = ceil(6 * 0.55) = 4 -> q = 4; 0.5 covered;
    //   alpha = 0.45 + 0.1 (0.5 - 0) = 0.5.
    // Step 3: pool [0.5,1,2,3,4,5], level 0.5: k = ceil(7 * 0.5) = 4 -> q = 3; outcome unknown.
    expect(onlineConformalQuantiles([1, 2, 3, 4], [5, 0.5, NaN], [1, 2, 3], 0.5, 0.1)).toEqual([3, 4, 3]);
    // The same records in another order: time, not position, decides.
    expect(onlineConformalQuantiles([1, 2, 3, 4], [NaN, 5, 0.5], [3, 1, 2], 0.5, 0.1)).toEqual([3, 3, 4]);
  });

  it('gives records of the same time the same quantile and updates alpha by the share missed', () => {
    // One of two missed: alpha = 0.5 + 0.1 (0.5 - 0.5) stays 0.5; pool [0.5,1,2,3,4,5]: k = 4 -> 3.
    expect(onlineConformalQuantiles([1, 2, 3, 4], [5, 0.5, NaN], [1, 1, 2], 0.5, 0.1)).toEqual([3, 3, 3]);
  });

  it('keeps its coverage near the level when the later period is noisier than the calibration', () => {
    const rng = createRng(7);
    const normal = (): number => {
      const u = Math.max(rng.next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
    };
    const calibration = Array.from({ length: 200 }, () => Math.abs(normal()));
    const later = Array.from({ length: 600 }, () => Math.abs(1.5 * normal()));
    const times = later.map((_, i) => i);
    const staticQ = conformalQuantile(calibration, 0.9);
    const staticCoverage = later.filter((s) => s <= staticQ).length / later.length;
    const online = onlineConformalQuantiles(calibration, later, times, 0.9);
    const onlineCoverage = later.filter((s, i) => s <= (online[i] as number)).length / later.length;
    // A static quantile from the calmer period covers about P(|Z| < 1.645 / 1.5) = 0.73.
    expect(staticCoverage).toBeLessThan(0.8);
    expect(Math.abs(onlineCoverage - 0.9)).toBeLessThan(0.03);
  });
});
