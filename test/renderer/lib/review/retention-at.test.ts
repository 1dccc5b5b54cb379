import { describe, expect, it } from 'vitest';
import { retentionAt } from '../../../../src-renderer/lib/review/retention-at';

// A curve over 20 labelled test records: at refer p %, ceil((1 - p/100) * 20) are kept.
const points = [
  { referPercent: 0, value: 0.7, kept: 20 },
  { referPercent: 1, value: 0.7, kept: 20 },
  { referPercent: 5, value: 14 / 19, kept: 19 },
  { referPercent: 10, value: 14 / 18, kept: 18 },
  { referPercent: 50, value: 9 / 10, kept: 10 }
];

describe('retentionAt', () => {
  it('reads the point at the slider value with the refer-0 baseline', () => {
    expect(retentionAt(points, 10)).toEqual({
      point: { referPercent: 10, value: 14 / 18, kept: 18 },
      baseline: { referPercent: 0, value: 0.7, kept: 20 }
    });
  });

  it('takes the nearest point when the slider sits between two', () => {
    // 7 is 2 from 5 and 3 from 10; 8 is 3 from 5 and 2 from 10.
    expect(retentionAt(points, 7)?.point.kept).toBe(19);
    expect(retentionAt(points, 8)?.point.kept).toBe(18);
    expect(retentionAt(points, 49)?.point.value).toBe(0.9);
  });

  it('has no baseline without a refer-0 point, and no reading without points', () => {
    expect(retentionAt(points.slice(2), 5)?.baseline).toBeNull();
    expect(retentionAt([], 10)).toBeNull();
  });
});
