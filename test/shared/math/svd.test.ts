import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { singularValues, svd, type Svd } from '@shared/math/svd';

/** Produced by test/fixtures/theory/svd.py (numpy.linalg.svd, float64). */
interface SvdCase {
  name: string;
  rows: number;
  cols: number;
  values: number[];
  singularValues: number[];
}
const fixture = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/theory/svd.json'), 'utf8')) as {
  cases: SvdCase[];
  formula1024x128: number[];
};

/** Same matrix as formula() in svd.py. */
function formulaMatrix(rows: number, cols: number): Float64Array {
  const w = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      w[i * cols + j] =
        Math.sin(0.37 * i + 1.3 * j) + Math.cos(0.011 * i * j) + 0.5 * Math.sin(0.05 * i * i + j);
    }
  }
  return w;
}

function at(x: ArrayLike<number>, i: number): number {
  return x[i] as number;
}

function expectSingularValues(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  const largest = Math.max(1, ...expected);
  expected.forEach((ref, i) => {
    // Relative 1e-9, with an absolute floor for (numerically) zero singular values.
    expect(Math.abs(at(actual, i) - ref)).toBeLessThanOrEqual(1e-9 * ref + 1e-12 * largest);
  });
}

/** Largest |(X^T X - I)_ij| for a row-major rows x k matrix X. */
function orthonormalityError(x: Float64Array, rows: number, k: number): number {
  let worst = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += at(x, i * k + a) * at(x, i * k + b);
      worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

function reconstructionError(w: ArrayLike<number>, rows: number, cols: number, d: Svd): number {
  const k = d.s.length;
  let worst = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let t = 0; t < k; t++) sum += at(d.u, i * k + t) * at(d.s, t) * at(d.v, j * k + t);
      worst = Math.max(worst, Math.abs(sum - at(w, i * cols + j)));
    }
  }
  return worst;
}

describe('svd against numpy.linalg.svd', () => {
  for (const c of fixture.cases) {
    it(`decomposes "${c.name}"`, () => {
      const d = svd(c.values, c.rows, c.cols);
      const k = Math.min(c.rows, c.cols);
      expect(d.u.length).toBe(c.rows * k);
      expect(d.v.length).toBe(c.cols * k);
      expectSingularValues(d.s, c.singularValues);
      for (let t = 1; t < k; t++) expect(at(d.s, t)).toBeLessThanOrEqual(at(d.s, t - 1));
      const scale = Math.max(1, ...c.singularValues);
      expect(reconstructionError(c.values, c.rows, c.cols, d)).toBeLessThan(1e-12 * scale);
      expect(orthonormalityError(d.u, c.rows, k)).toBeLessThan(1e-12);
      expect(orthonormalityError(d.v, c.cols, k)).toBeLessThan(1e-12);
    });
  }

  it('decomposes a 1024 x 128 matrix accurately', () => {
    const w = formulaMatrix(1024, 128);
    const d = svd(w, 1024, 128);
    expectSingularValues(d.s, fixture.formula1024x128);
    expect(reconstructionError(w, 1024, 128, d)).toBeLessThan(1e-10);
    expect(orthonormalityError(d.u, 1024, 128)).toBeLessThan(1e-12);
    expect(orthonormalityError(d.v, 128, 128)).toBeLessThan(1e-12);
  });

  it('decomposes the transpose with the factors swapped', () => {
    const w = formulaMatrix(40, 9);
    const wt = new Float64Array(9 * 40);
    for (let i = 0; i < 40; i++) for (let j = 0; j < 9; j++) wt[j * 40 + i] = at(w, i * 9 + j);
    const d = svd(wt, 9, 40);
    expect(reconstructionError(wt, 9, 40, d)).toBeLessThan(1e-12);
    const dt = svd(w, 40, 9);
    for (let t = 0; t < 9; t++) expect(at(d.s, t)).toBeCloseTo(at(dt.s, t), 12);
  });

  it('accepts float32 input and a diagonal matrix gives its sorted absolute diagonal', () => {
    const d = svd(Float32Array.from([1, 0, 0, 0, -3, 0, 0, 0, 2]), 3, 3);
    expect(Array.from(d.s)).toEqual([3, 2, 1]);
  });

  it('keeps its accuracy for entries near the ends of the floating-point range', () => {
    const w = formulaMatrix(12, 5);
    const reference = svd(w, 12, 5).s;
    for (const factor of [1e-300, 1e300]) {
      const d = svd(
        w.map((x) => x * factor),
        12,
        5
      );
      reference.forEach((s, t) =>
        expect(Math.abs(at(d.s, t) / factor - s)).toBeLessThan(1e-12 * at(reference, 0))
      );
      expect(orthonormalityError(d.u, 12, 5)).toBeLessThan(1e-12);
    }
  });

  it('returns empty factors for an empty matrix', () => {
    const d = svd([], 0, 5);
    expect(d.s.length).toBe(0);
    expect(d.u.length).toBe(0);
    expect(d.v.length).toBe(0);
    expect(singularValues([], 3, 0).length).toBe(0);
  });

  it('rejects a wrong number of values and non-finite entries', () => {
    expect(() => svd([1, 2, 3], 2, 2)).toThrow(RangeError);
    expect(() => svd([1, Number.NaN, 3, 4], 2, 2)).toThrow(RangeError);
    expect(() => svd([1, 2], -1, -2)).toThrow(RangeError);
  });
});

describe('singularValues against numpy.linalg.svd', () => {
  for (const c of fixture.cases) {
    it(`matches on "${c.name}"`, () => {
      expectSingularValues(singularValues(c.values, c.rows, c.cols), c.singularValues);
    });
  }

  it('matches on a 1024 x 128 matrix and its transpose', () => {
    const w = formulaMatrix(1024, 128);
    expectSingularValues(singularValues(w, 1024, 128), fixture.formula1024x128);
    const wt = new Float64Array(128 * 1024);
    for (let i = 0; i < 1024; i++) for (let j = 0; j < 128; j++) wt[j * 1024 + i] = at(w, i * 128 + j);
    expectSingularValues(singularValues(wt, 128, 1024), fixture.formula1024x128);
  });

  it('agrees with svd on a square 200 x 200 matrix', () => {
    const w = formulaMatrix(200, 200);
    const values = singularValues(w, 200, 200);
    const reference = svd(w, 200, 200).s;
    reference.forEach((s, t) => expect(Math.abs(at(values, t) - s)).toBeLessThan(1e-12 * at(reference, 0)));
  });
});
