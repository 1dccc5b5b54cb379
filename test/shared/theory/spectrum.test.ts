import { describe, expect, it } from 'vitest';
import {
  MAX_SPECTRUM_VALUES,
  bestRankError,
  energyRetained,
  layerSpectrum,
  rankForEnergy
} from '@shared/theory/spectrum';

// Hand-worked spectrum: s = (4, 2, 1), s^2 = (16, 4, 1), total 21.
const S = [4, 2, 1];

describe('energyRetained', () => {
  it('is the cumulative share of squared singular values', () => {
    const e = energyRetained(S);
    expect(e).toHaveLength(3);
    expect(e[0]).toBeCloseTo(16 / 21, 15);
    expect(e[1]).toBeCloseTo(20 / 21, 15);
    expect(e[2]).toBe(1);
  });

  it('gives 1 at every rank for a zero matrix and nothing for no values', () => {
    expect(energyRetained([0, 0])).toEqual([1, 1]);
    expect(energyRetained([])).toEqual([]);
  });
});

describe('rankForEnergy', () => {
  it('returns the smallest rank reaching the threshold', () => {
    expect(rankForEnergy(S, 0.5)).toBe(1);
    expect(rankForEnergy(S, 16 / 21)).toBe(1);
    expect(rankForEnergy(S, 0.9)).toBe(2);
    expect(rankForEnergy(S, 0.96)).toBe(3);
    expect(rankForEnergy(S, 1)).toBe(3);
    expect(rankForEnergy(Float64Array.from([1, 1, 1, 1]), 0.75)).toBe(3);
    expect(rankForEnergy([], 0.9)).toBe(0);
  });

  it('rejects thresholds outside (0, 1]', () => {
    expect(() => rankForEnergy(S, 0)).toThrow(RangeError);
    expect(() => rankForEnergy(S, 1.5)).toThrow(RangeError);
  });
});

describe('bestRankError', () => {
  it('is the root of the discarded squared singular values', () => {
    expect(bestRankError(S, 0)).toBeCloseTo(Math.sqrt(21), 15);
    expect(bestRankError(S, 1)).toBeCloseTo(Math.sqrt(5), 15);
    expect(bestRankError(S, 2)).toBe(1);
    expect(bestRankError(S, 3)).toBe(0);
    expect(bestRankError(S, 7)).toBe(0);
    expect(() => bestRankError(S, -1)).toThrow(RangeError);
  });
});

describe('layerSpectrum', () => {
  it('keeps the values and their energies', () => {
    expect(layerSpectrum('hidden.0', 5, 3, 2, S)).toEqual({
      layer: 'hidden.0',
      rows: 5,
      cols: 3,
      rank: 2,
      singularValues: [4, 2, 1],
      energy: [16 / 21, 20 / 21, 1]
    });
  });

  it('keeps at most 256 values, with energies relative to the whole spectrum', () => {
    // 300 equal values: energy at r is r / 300.
    const spectrum = layerSpectrum('w', 300, 400, 300, new Array<number>(300).fill(2));
    expect(MAX_SPECTRUM_VALUES).toBe(256);
    expect(spectrum.singularValues).toHaveLength(256);
    expect(spectrum.energy).toHaveLength(256);
    expect(spectrum.energy[255]).toBeCloseTo(256 / 300, 14);
    expect(spectrum.energy[0]).toBeCloseTo(1 / 300, 14);
  });
});
