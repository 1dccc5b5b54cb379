import { describe, expect, it } from 'vitest';
import type { RecordPrediction } from '@shared/domain/records';
import { coverageCurve, normalQuantile } from '../../../../src-renderer/lib/analysis/coverage';

const record = (actual: string | null, mean: number, std: number): RecordPrediction => ({
  rowIndex: 0,
  split: 'test',
  ids: {},
  actual,
  prediction: String(mean),
  value: mean,
  lower: mean - 1.96 * std,
  upper: mean + 1.96 * std,
  epistemic: 0,
  aleatoric: std,
  total: std,
  oodScore: std,
  oodFlag: false,
  imputed: [],
  correct: null
});

describe('normalQuantile', () => {
  it('matches scipy.stats.norm.ppf', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 5);
    expect(normalQuantile(0.75)).toBeCloseTo(0.6744897502, 5);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035, 5);
    expect(() => normalQuantile(1)).toThrow();
  });
});

describe('coverageCurve', () => {
  it('counts actual values inside mean ± z·std at each nominal level', () => {
    // |errors| 0.5, 1, 1.5, 2.5 with std 1 (one via std 2 and error 3): z(50%) 0.674 covers 1 of 4,
    // z(70%) 1.036 covers 2, z(90%) 1.645 and z(95%) 1.960 cover 3, z(99%) 2.576 covers all 4.
    const records = [
      record('0.5', 0, 1),
      record('-1', 0, 1),
      record('11.5', 10, 1),
      record('3', 0, 1.2),
      record(null, 0, 1),
      record('n/a', 0, 1)
    ];
    expect(coverageCurve(records, [0.5, 0.7, 0.9, 0.95, 0.99])).toEqual([
      { nominal: 0.5, observed: 0.25 },
      { nominal: 0.7, observed: 0.5 },
      { nominal: 0.9, observed: 0.75 },
      { nominal: 0.95, observed: 0.75 },
      { nominal: 0.99, observed: 1 }
    ]);
  });

  it('is empty without records that have a numeric actual value', () => {
    expect(coverageCurve([record(null, 0, 1)])).toEqual([]);
  });
});
