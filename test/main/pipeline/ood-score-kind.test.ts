import { describe, expect, it } from 'vitest';
import type { Predictive } from '../../../src-main/model/predictor';
import type { EncodedRecords, TargetCoding } from '../../../src-main/pipeline/prepared-run';
import { oodScoreKind, oodScores, scoreSplit } from '../../../src-main/pipeline/score-records';

const target: TargetCoding = {
  task: 'binary',
  classes: ['no', 'yes'],
  positiveClass: 'yes',
  targetMean: null,
  targetStd: null
};
const records: EncodedRecords = {
  n: 2,
  x: new Float32Array(2),
  y: Float32Array.from([0, 1]),
  rows: [0, 1],
  ids: [{}, {}],
  rawTarget: ['no', 'yes'],
  imputed: [[], []]
};
/** A deterministic network's predictive: no mutual information, entropies 0.5 and 0.69. */
const predictive: Predictive = {
  kind: 'classification',
  probs: Float32Array.from([0.8, 0.2, 0.5, 0.5]),
  classes: 2,
  lower: Float32Array.from([0.2, 0.5]),
  upper: Float32Array.from([0.2, 0.5]),
  total: Float32Array.from([0.5, 0.69]),
  aleatoric: Float32Array.from([0.5, 0.69]),
  epistemic: Float32Array.from([0, 0])
};

describe('the OOD score of a deterministic network', () => {
  it('is the entropy of its prediction; every other method scores by mutual information', () => {
    expect(oodScoreKind('deterministic')).toBe('total');
    for (const method of ['sbnn', 'lr-svd', 'bbb', 'rank1', 'ensemble'] as const) {
      expect(oodScoreKind(method)).toBe('epistemic');
    }
    expect(oodScores(predictive, target, 'total')).toEqual([0.5, Math.fround(0.69)]);
    const scored = scoreSplit('test', records, predictive, target, 0.6, 'total');
    expect(scored.records.map((r) => [r.oodScore, r.oodFlag])).toEqual([
      [0.5, false],
      [Math.fround(0.69), true]
    ]);
    expect(scoreSplit('test', records, predictive, target, 0.6).records.map((r) => r.oodScore)).toEqual([
      0, 0
    ]);
  });
});
