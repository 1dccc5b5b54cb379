/**
 * The analytic posterior correlation of the entries of W = A B^T (METHOD.md section 1), with
 * independent Gaussian entries A_ik ~ N(muA_ik, sA_ik^2) (A is m x r) and B_jk ~ N(muB_jk, sB_jk^2)
 * (B is n x r). W_ij = sum_k A_ik B_jk is a sum of independent products, so
 *   Var(W_ij) = sum_k Var(A_ik B_jk) = sum_k (muA_ik^2 + sA_ik^2)(muB_jk^2 + sB_jk^2) - muA_ik^2 muB_jk^2
 *             = sum_k muA_ik^2 sB_jk^2 + sA_ik^2 muB_jk^2 + sA_ik^2 sB_jk^2,
 * and two entries covary only through a shared factor entry:
 *   Cov(W_ij, W_ij') = sum_k sA_ik^2 muB_jk muB_j'k    (same row i, j != j': A_ik is shared),
 *   Cov(W_ij, W_i'j) = sum_k muA_ik muA_i'k sB_jk^2    (same column j, i != i': B_jk is shared),
 *   Cov(W_ij, W_i'j') = 0                               (i != i' and j != j': nothing is shared).
 */
import type { WeightCorrelation } from '../domain/records';

/** A Gaussian factor: mean and standard deviation of each entry, row-major rows x r. */
export interface GaussianFactor {
  mu: ArrayLike<number>;
  sigma: ArrayLike<number>;
  rows: number;
  r: number;
}

/**
 * The correlation matrix of the entries of the slice rows rowOffset..rowOffset+rows-1, columns
 * colOffset..colOffset+cols-1 of W = A B^T, entries ordered row-major over the slice. A pair involving
 * an entry of zero variance (every standard deviation it depends on underflowed to 0) has correlation
 * 0, and each entry's correlation with itself is 1.
 */
export function weightCorrelation(
  layer: string,
  a: GaussianFactor,
  b: GaussianFactor,
  rowOffset: number,
  colOffset: number,
  rows: number,
  cols: number
): WeightCorrelation {
  checkFactor('A', a);
  checkFactor('B', b);
  if (a.r !== b.r) throw new RangeError(`weightCorrelation: A has rank ${a.r}, B has rank ${b.r}`);
  checkRange('rows', rowOffset, rows, a.rows);
  checkRange('columns', colOffset, cols, b.rows);
  const r = a.r;
  const muA = (i: number, k: number): number => a.mu[i * r + k] as number;
  const varA = (i: number, k: number): number => (a.sigma[i * r + k] as number) ** 2;
  const muB = (j: number, k: number): number => b.mu[j * r + k] as number;
  const varB = (j: number, k: number): number => (b.sigma[j * r + k] as number) ** 2;

  const entries: Array<{ i: number; j: number }> = [];
  for (let i = rowOffset; i < rowOffset + rows; i++) {
    for (let j = colOffset; j < colOffset + cols; j++) entries.push({ i, j });
  }
  const variance = entries.map(({ i, j }) => {
    let v = 0;
    for (let k = 0; k < r; k++) {
      v += muA(i, k) ** 2 * varB(j, k) + varA(i, k) * muB(j, k) ** 2 + varA(i, k) * varB(j, k);
    }
    return v;
  });
  const covariance = (p: { i: number; j: number }, q: { i: number; j: number }): number => {
    let c = 0;
    if (p.i === q.i) {
      for (let k = 0; k < r; k++) c += varA(p.i, k) * muB(p.j, k) * muB(q.j, k);
    } else if (p.j === q.j) {
      for (let k = 0; k < r; k++) c += muA(p.i, k) * muA(q.i, k) * varB(p.j, k);
    }
    return c;
  };
  const matrix = entries.map((p, x) =>
    entries.map((q, y) => {
      if (x === y) return 1;
      const scale = Math.sqrt((variance[x] as number) * (variance[y] as number));
      return scale > 0 ? covariance(p, q) / scale : 0;
    })
  );
  return { layer, entries, matrix };
}

function checkFactor(name: string, f: GaussianFactor): void {
  const size = f.rows * f.r;
  if (!Number.isInteger(f.rows) || !Number.isInteger(f.r) || f.rows < 1 || f.r < 1) {
    throw new RangeError(`weightCorrelation: factor ${name} is ${f.rows} x ${f.r}`);
  }
  if (f.mu.length !== size || f.sigma.length !== size) {
    throw new RangeError(
      `weightCorrelation: factor ${name} is ${f.rows} x ${f.r} but has ${f.mu.length} means, ${f.sigma.length} standard deviations`
    );
  }
}

function checkRange(what: string, offset: number, count: number, size: number): void {
  if (
    !Number.isInteger(offset) ||
    !Number.isInteger(count) ||
    offset < 0 ||
    count < 1 ||
    offset + count > size
  ) {
    throw new RangeError(
      `weightCorrelation: ${what} ${offset}..${offset + count - 1} are outside 0..${size - 1}`
    );
  }
}
