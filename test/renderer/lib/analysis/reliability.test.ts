import { describe, expect, it } from 'vitest';
import { reliabilityBins, reliabilityPoints } from '../../../../src-renderer/lib/analysis/reliability';
import type { RecordPrediction } from '@shared/domain/records';

function record(value: number, actual: string | null, correct: boolean | null): RecordPrediction {
  return {
    rowIndex: 0,
    split: 'test',
    ids: {},
    actual,
    prediction: 'x',
    value,
    lower: value,
    upper: value,
    epistemic: 0,
    aleatoric: 0,
    total: 0,
    oodScore: 0,
    oodFlag: false,
    imputed: [],
    correct
  };
}

describe('reliabilityBins', () => {
  it('bins probabilities by hand-worked example (p = 1 lands in the last bin)', () => {
    const bins = reliabilityBins(
      [
        { p: 0.05, hit: false },
        { p: 0.15, hit: true },
        { p: 0.12, hit: false },
        { p: 0.95, hit: true },
        { p: 1, hit: true }
      ],
      10
    );
    expect(bins).toHaveLength(10);
    expect(bins[0]).toMatchObject({ lower: 0, upper: 0.1, count: 1, meanPredicted: 0.05, observed: 0 });
    expect(bins[1]?.count).toBe(2);
    expect(bins[1]?.meanPredicted).toBeCloseTo(0.135, 12);
    expect(bins[1]?.observed).toBe(0.5);
    expect(bins[9]?.count).toBe(2);
    expect(bins[9]?.meanPredicted).toBeCloseTo(0.975, 12);
    expect(bins[9]?.observed).toBe(1);
    expect(bins[5]).toMatchObject({ count: 0, meanPredicted: null, observed: null });
  });
});

describe('reliabilityPoints', () => {
  it('binary: the event is the positive class; unknown outcomes are skipped', () => {
    const points = reliabilityPoints(
      [record(0.8, 'yes', true), record(0.3, 'yes', false), record(0.2, 'no', true), record(0.5, null, null)],
      'binary',
      'yes'
    );
    expect(points).toEqual([
      { p: 0.8, hit: true },
      { p: 0.3, hit: true },
      { p: 0.2, hit: false }
    ]);
  });

  it('multiclass: the event is a correct prediction', () => {
    const points = reliabilityPoints([record(0.6, 'a', true), record(0.7, 'b', false)], 'multiclass', null);
    expect(points).toEqual([
      { p: 0.6, hit: true },
      { p: 0.7, hit: false }
    ]);
  });
});
