import { describe, expect, it } from 'vitest';
import { adviseRanks } from '../../../src-main/theory/rank-advice';

/** W = 5 u1 v1^T + 1 u2 v2^T, u1 = (0.6, 0.8, 0), u2 = (-0.8, 0.6, 0), v1 = (1, 1) / sqrt 2, v2 = (1, -1) / sqrt 2. */
function twoComponentMatrix(): Float32Array {
  const u1 = [0.6, 0.8, 0];
  const u2 = [-0.8, 0.6, 0];
  const v1 = [Math.SQRT1_2, Math.SQRT1_2];
  const v2 = [Math.SQRT1_2, -Math.SQRT1_2];
  const w = new Float32Array(6);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 2; j++) w[i * 2 + j] = 5 * (u1[i] ?? 0) * (v1[j] ?? 0) + (u2[i] ?? 0) * (v2[j] ?? 0);
  }
  return w;
}

describe('adviseRanks', () => {
  it('proposes the smallest rank keeping the threshold of each spectrum', () => {
    // Spectra: (5, 1) with energies 25/26, 1; (3, 2, 1) with 9/14, 13/14, 1; a 3 x 1 head: (5).
    const diagonal = new Float32Array([3, 0, 0, 0, -2, 0, 0, 0, 1, 0, 0, 0]);
    const weights = [
      { layer: 'hidden.0', rows: 3, cols: 2, values: twoComponentMatrix() },
      { layer: 'hidden.1', rows: 4, cols: 3, values: diagonal },
      { layer: 'head', rows: 3, cols: 1, values: new Float32Array([3, 0, 4]) }
    ];
    const at95 = adviseRanks(weights, 0.95);
    expect(at95.map((a) => a.proposedRank)).toEqual([1, 3, 1]);
    expect(adviseRanks(weights, 0.9).map((a) => a.proposedRank)).toEqual([1, 2, 1]);
    expect(adviseRanks(weights, 0.97).map((a) => a.proposedRank)).toEqual([2, 3, 1]);
    const [first, second, head] = at95;
    expect(first?.layer).toBe('hidden.0');
    expect(first?.rows).toBe(3);
    expect(first?.cols).toBe(2);
    expect(first?.singularValues[0]).toBeCloseTo(5, 6);
    expect(first?.singularValues[1]).toBeCloseTo(1, 6);
    expect(first?.energy[0]).toBeCloseTo(25 / 26, 6);
    [3, 2, 1].forEach((v, t) => expect(second?.singularValues[t]).toBeCloseTo(v, 14));
    expect(second?.energy[1]).toBeCloseTo(13 / 14, 14);
    expect(head?.singularValues).toHaveLength(1);
    expect(head?.singularValues[0]).toBeCloseTo(5, 14);
  });

  it('uses the whole spectrum when only 256 values are kept', () => {
    // 280 equal singular values: energy r / 280 reaches 0.951 at r = 267.
    const rows = 300;
    const cols = 280;
    const w = new Float32Array(rows * cols);
    for (let k = 0; k < cols; k++) w[k * cols + k] = 1;
    const [advice] = adviseRanks([{ layer: 'wide', rows, cols, values: w }], 0.951);
    expect(advice?.proposedRank).toBe(267);
    expect(advice?.singularValues).toHaveLength(256);
    expect(advice?.energy[255]).toBeCloseTo(256 / 280, 12);
  });

  it('proposes rank 1 for an all-zero matrix', () => {
    expect(
      adviseRanks([{ layer: 'z', rows: 2, cols: 2, values: new Float32Array(4) }], 0.9)[0]?.proposedRank
    ).toBe(1);
  });
});
