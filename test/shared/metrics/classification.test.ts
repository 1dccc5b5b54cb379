import { describe, expect, it } from 'vitest';
import {
  accuracy,
  binaryProbs,
  brier,
  brierBinary,
  brierMulticlass,
  ece,
  nll,
  reliabilityBins,
  reliabilityOfConfidence
} from '@shared/metrics/classification';
import { reference } from './reference';

describe('classification metrics against scikit-learn / numpy', () => {
  for (const c of reference.classification) {
    it(`matches the reference on "${c.name}"`, () => {
      expect(accuracy(c.probs, c.labels)).toBeCloseTo(c.accuracy, 12);
      expect(nll(c.probs, c.labels)).toBeCloseTo(c.nll, 10);
      expect(brier(c.probs, c.labels)).toBeCloseTo(c.brier, 12);
      expect(brierMulticlass(c.probs, c.labels)).toBeCloseTo(c.brierMulticlass, 12);
      expect(ece(c.probs, c.labels)).toBeCloseTo(c.eceWidth15, 12);
      expect(ece(c.probs, c.labels, { scheme: 'equal-mass' })).toBeCloseTo(c.eceMass15, 12);
      expect(ece(c.probs, c.labels, { bins: 5 })).toBeCloseTo(c.eceWidth5, 12);
      expect(ece(c.probs, c.labels, { bins: 5, scheme: 'equal-mass' })).toBeCloseTo(c.eceMass5, 12);
    });
  }
});

describe('hand-worked examples', () => {
  // P(class 1) = 0.9, 0.8, 0.3, 0.6 with labels 1, 0, 0, 1: confidences 0.9 (right), 0.8 (wrong),
  // 0.7 (right), 0.6 (right).
  const probs = binaryProbs([0.9, 0.8, 0.3, 0.6]);
  const labels = [1, 0, 0, 1];

  it('ECE with 15 equal-width bins puts each record alone: mean |correct - confidence|', () => {
    expect(ece(probs, labels)).toBeCloseTo((0.1 + 0.8 + 0.3 + 0.4) / 4, 12);
  });

  it('ECE with 2 equal-width bins: one bin, accuracy 3/4 = mean confidence 0.75, so 0', () => {
    expect(ece(probs, labels, { bins: 2 })).toBeCloseTo(0, 12);
  });

  it('ECE with 2 equal-mass bins: {0.6, 0.7} |1 - 0.65| and {0.8, 0.9} |0.5 - 0.85|', () => {
    expect(ece(probs, labels, { bins: 2, scheme: 'equal-mass' })).toBeCloseTo(0.35, 12);
    const bins = reliabilityBins(probs, labels, { bins: 2, scheme: 'equal-mass' });
    expect(bins.map((b) => [b.lower, b.upper, b.count])).toEqual([
      [0.6, 0.7, 2],
      [0.8, 0.9, 2]
    ]);
  });

  it('equal-width bins are (k/B, (k+1)/B]: a confidence of exactly 0.2 = 3/15 falls in bin 2', () => {
    const bins = reliabilityBins([[0.8, 0.2, 0]], [0]);
    expect(bins).toHaveLength(15);
    expect(bins.findIndex((b) => b.count === 1)).toBe(11); // 0.8 = 12/15 -> (11/15, 12/15]
    const edge = reliabilityBins(
      [
        [0.2, 0.2, 0.2, 0.2, 0.2],
        [0.6, 0.4, 0, 0, 0]
      ],
      [0, 0],
      { bins: 15 }
    );
    expect(edge.findIndex((b) => b.count === 1)).toBe(2);
    expect(edge[2]?.accuracy).toBe(1);
    expect(edge[5]).toMatchObject({
      lower: 5 / 15,
      upper: 6 / 15,
      count: 0,
      accuracy: null,
      confidence: null
    });
  });

  it('equal-mass with fewer records than bins returns only the non-empty bins', () => {
    expect(reliabilityBins(probs, labels, { scheme: 'equal-mass' })).toHaveLength(4);
  });

  it('reliability of given confidences and correctness matches the same records as probabilities', () => {
    const bins = reliabilityOfConfidence([0.9, 0.8, 0.7, 0.6], [true, false, true, true], { bins: 2 });
    // One bin (0.5, 1] holds all four: confidence 0.75, accuracy 3/4; bin [0, 0.5] is empty.
    expect(bins).toEqual([
      { lower: 0, upper: 0.5, count: 0, confidence: null, accuracy: null },
      { lower: 0.5, upper: 1, count: 4, confidence: expect.closeTo(0.75, 12), accuracy: 0.75 }
    ]);
    expect(reliabilityOfConfidence([0.9, 0.8, 0.7, 0.6], [true, false, true, true])).toEqual(
      reliabilityBins(probs, labels)
    );
    expect(() => reliabilityOfConfidence([0.9], [true], { bins: 0 })).toThrow(RangeError);
  });

  it('binary Brier is mean (p - y)^2 and half the multiclass sum', () => {
    const expected = (0.1 ** 2 + 0.8 ** 2 + 0.3 ** 2 + 0.4 ** 2) / 4;
    expect(brierBinary([0.9, 0.8, 0.3, 0.6], labels)).toBeCloseTo(expected, 12);
    expect(brier(probs, labels)).toBeCloseTo(expected, 12);
    expect(brierMulticlass(probs, labels)).toBeCloseTo(2 * expected, 12);
  });

  it('NLL of a certain mistake is -log(1e-15), not Infinity', () => {
    expect(nll([[1, 0]], [1])).toBeCloseTo(-Math.log(1e-15), 6);
  });

  it('accuracy breaks ties of equal probabilities towards the first class', () => {
    expect(accuracy([[0.5, 0.5]], [0])).toBe(1);
  });

  it('rejects mismatched lengths and labels that are not class indices', () => {
    expect(() => accuracy(probs, [1])).toThrow(RangeError);
    expect(() => nll(probs, [1, 0, 0, 2])).toThrow(RangeError);
    expect(() => accuracy([], [])).toThrow(RangeError);
  });
});
