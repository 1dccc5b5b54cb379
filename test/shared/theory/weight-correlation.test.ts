import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '@shared/math/random';
import { svd } from '@shared/math/svd';
import { weightCorrelation, type GaussianFactor } from '@shared/theory/weight-correlation';

/** Produced by test/fixtures/theory/correlation.py (numpy, 2,000,000 draws of W = A B^T). */
const mc = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/theory/correlation.json'), 'utf8')) as {
  a: GaussianFactor;
  b: GaussianFactor;
  rowOffset: number;
  colOffset: number;
  rows: number;
  cols: number;
  correlation: number[][];
};

describe('weightCorrelation', () => {
  it('matches a hand-worked 2 x 2, rank-1 case', () => {
    // muA = (1, 2), sA = (0.5, 1), muB = (3, -1), sB = (1, 2).
    // Var W11 = 1*1 + 0.25*9 + 0.25*1 = 3.5      Var W12 = 1*4 + 0.25*1 + 0.25*4 = 5.25
    // Var W21 = 4*1 + 1*9 + 1*1 = 14             Var W22 = 4*4 + 1*1 + 1*4 = 21
    // Cov(W11, W12) = sA1^2 muB1 muB2 = -0.75    Cov(W21, W22) = sA2^2 muB1 muB2 = -3
    // Cov(W11, W21) = muA1 muA2 sB1^2 = 2        Cov(W12, W22) = muA1 muA2 sB2^2 = 8
    // Cov(W11, W22) = Cov(W12, W21) = 0.
    const a = { mu: [1, 2], sigma: [0.5, 1], rows: 2, r: 1 };
    const b = { mu: [3, -1], sigma: [1, 2], rows: 2, r: 1 };
    const result = weightCorrelation('hidden.0', a, b, 0, 0, 2, 2);
    expect(result.layer).toBe('hidden.0');
    expect(result.entries).toEqual([
      { i: 0, j: 0 },
      { i: 0, j: 1 },
      { i: 1, j: 0 },
      { i: 1, j: 1 }
    ]);
    const c1112 = -0.75 / Math.sqrt(3.5 * 5.25);
    const c1121 = 2 / Math.sqrt(3.5 * 14);
    const c1222 = 8 / Math.sqrt(5.25 * 21);
    const c2122 = -3 / Math.sqrt(14 * 21);
    const expected = [
      [1, c1112, c1121, 0],
      [c1112, 1, 0, c1222],
      [c1121, 0, 1, c2122],
      [0, c1222, c2122, 1]
    ];
    result.matrix.forEach((row, x) =>
      row.forEach((v, y) => expect(v).toBeCloseTo(expected[x]?.[y] ?? NaN, 14))
    );
    expect(c1121).toBeCloseTo(2 / 7, 15);
    expect(c1222).toBeCloseTo(8 / 10.5, 15);
  });

  it('matches a Monte Carlo estimate on a slice of a rank-2 layer', () => {
    const result = weightCorrelation('w', mc.a, mc.b, mc.rowOffset, mc.colOffset, mc.rows, mc.cols);
    expect(result.entries[0]).toEqual({ i: 1, j: 1 });
    expect(result.entries).toHaveLength(6);
    let shared = 0;
    result.matrix.forEach((row, x) =>
      row.forEach((v, y) => {
        const p = result.entries[x];
        const q = result.entries[y];
        if (p && q && p.i !== q.i && p.j !== q.j) expect(v).toBe(0);
        else if (x !== y) shared++;
        // Standard error of each estimate is below 1e-3.
        expect(Math.abs(v - (mc.correlation[x]?.[y] ?? NaN))).toBeLessThan(5e-3);
      })
    );
    expect(shared).toBeGreaterThan(0);
  });

  it('gives 0 for pairs with an entry of zero variance', () => {
    const a = { mu: [1, 1], sigma: [0, 0], rows: 2, r: 1 };
    const b = { mu: [1], sigma: [0], rows: 1, r: 1 };
    expect(weightCorrelation('w', a, b, 0, 0, 2, 1).matrix).toEqual([
      [1, 0],
      [0, 1]
    ]);
  });

  it('rejects slices outside the layer and inconsistent factors', () => {
    const a = { mu: [1, 2], sigma: [1, 1], rows: 2, r: 1 };
    const b = { mu: [3], sigma: [1], rows: 1, r: 1 };
    expect(() => weightCorrelation('w', a, b, 1, 0, 2, 1)).toThrow(RangeError);
    expect(() => weightCorrelation('w', a, b, 0, 0, 1, 2)).toThrow(RangeError);
    expect(() => weightCorrelation('w', a, { ...b, r: 2 }, 0, 0, 1, 1)).toThrow(RangeError);
    expect(() => weightCorrelation('w', { ...a, mu: [1] }, b, 0, 0, 1, 1)).toThrow(RangeError);
  });
});

describe('W = A B^T (METHOD.md section 1)', () => {
  it('has rank <= r for every sampled W', () => {
    const rng = createRng(11);
    const normal = (): number =>
      Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    const [m, n, r] = [9, 7, 3];
    const muA = Array.from({ length: m * r }, normal);
    const muB = Array.from({ length: n * r }, normal);
    for (let draw = 0; draw < 20; draw++) {
      const a = muA.map((mu) => mu + 0.5 * normal());
      const b = muB.map((mu) => mu + 0.5 * normal());
      const w = new Float64Array(m * n);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          for (let k = 0; k < r; k++)
            w[i * n + j] = (w[i * n + j] as number) + (a[i * r + k] as number) * (b[j * r + k] as number);
        }
      }
      const s = svd(w, m, n).s;
      const largest = s[0] as number;
      expect(s[r - 1] as number).toBeGreaterThan(1e-6 * largest);
      for (let k = r; k < s.length; k++) expect(s[k] as number).toBeLessThan(1e-12 * largest);
    }
  });
});
