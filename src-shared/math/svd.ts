/**
 * Thin singular value decomposition W = U diag(s) V^T of a dense row-major matrix (METHOD.md
 * sections 1, 5 and 7), and the singular values alone for spectra (singularValues, below).
 *
 * Method: a Householder QR reduces the (tall) matrix to its n x n factor R, and one-sided (Hestenes)
 * Jacobi orthogonalizes the columns of R^T. Jacobi gets every singular value to high relative accuracy
 * and orthogonal singular vectors even for clustered or zero singular values; the QR step keeps a
 * 1024 x 128 matrix cheap, since the Jacobi sweeps then run on 128 x 128. A wide matrix is handled
 * through its transpose. All work arrays are column-major so that column operations are contiguous.
 */
export interface Svd {
  /** rows x k, row-major, orthonormal columns (k = min(rows, cols)). */
  u: Float64Array;
  /** k singular values, descending. */
  s: Float64Array;
  /** cols x k, row-major, orthonormal columns. */
  v: Float64Array;
}

const EPS = 2.220446049250313e-16;
const MAX_SWEEPS = 80;

export function svd(values: ArrayLike<number>, rows: number, cols: number): Svd {
  const { a, m, n, scale, transposed } = scaledTall(values, rows, cols);
  const t = tallSvd(a, m, n);
  const s = t.s.map((x) => x * scale);
  // W^T = V S U^T: the factors of a transposed W swap roles.
  return transposed ? { u: t.v, s, v: t.u } : { u: t.u, s, v: t.v };
}

/**
 * The singular values of W alone, descending: Householder bidiagonalization, then bisection on the
 * Golub-Kahan form of the bidiagonal. About O(4 m n^2) against Jacobi's several sweeps of O(n^3), so a
 * 1024 x 1024 matrix takes seconds rather than minutes. Each value is accurate to about 1e-15 times
 * the largest (backward stable), which is what spectra and retained energies need.
 */
export function singularValues(values: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const { a, m, n, scale } = scaledTall(values, rows, cols);
  const { d, e } = bidiagonalize(a, m, n);
  return bidiagonalSingularValues(d, e).map((x) => x * scale);
}

/**
 * Validates W and returns it column-major as a tall m x n matrix (m >= n; W^T when W is wide),
 * divided by max |W_ij| so that squared norms neither overflow nor underflow.
 */
function scaledTall(
  values: ArrayLike<number>,
  rows: number,
  cols: number
): { a: Float64Array; m: number; n: number; scale: number; transposed: boolean } {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`svd: dimensions must be non-negative integers, got ${rows} x ${cols}`);
  }
  if (values.length !== rows * cols) {
    throw new RangeError(`svd: ${values.length} values for a ${rows} x ${cols} matrix`);
  }
  let scale = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (!Number.isFinite(x)) throw new RangeError(`svd: value ${i} is ${String(x)}`);
    scale = Math.max(scale, Math.abs(x));
  }
  const divisor = scale > 0 ? scale : 1;
  if (rows < cols) {
    // The column-major copy of W^T is the row-major W itself.
    return { a: Float64Array.from(values, (x) => x / divisor), m: cols, n: rows, scale, transposed: true };
  }
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) a[j * rows + i] = (values[i * cols + j] as number) / divisor;
  }
  return { a, m: rows, n: cols, scale, transposed: false };
}

/** SVD of a column-major m x n matrix with m >= n; u (m x n) and v (n x n) returned row-major. */
function tallSvd(a: Float64Array, m: number, n: number): Svd {
  const { reflectors, betas, r } = householderQr(a, m, n);
  // Jacobi on R^T rather than R: its columns are much closer to orthogonal, so it converges in
  // fewer sweeps. R^T = X S Y^T gives R = Y S X^T. (R column-major rewritten row-major is R^T
  // column-major.)
  const { u: x, s, v: y } = jacobiSvd(columnToRowMajor(r, n, n), n);
  const u = applyQ(reflectors, betas, y, m, n);
  return { u: columnToRowMajor(u, m, n), s, v: columnToRowMajor(x, n, n) };
}

/**
 * Householder QR, A = Q R, in place on the column-major a. Reflector k is I - beta_k v_k v_k^T with
 * v_k stored in rows k..m-1 of column k of `reflectors`; r is the n x n upper-triangular factor,
 * column-major.
 */
function householderQr(
  a: Float64Array,
  m: number,
  n: number
): { reflectors: Float64Array; betas: Float64Array; r: Float64Array } {
  const reflectors = new Float64Array(m * n);
  const betas = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const ck = k * m;
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += (a[ck + i] as number) ** 2;
    const norm = Math.sqrt(norm2);
    if (norm === 0) continue; // column already zero below the diagonal: identity reflector
    const x0 = a[ck + k] as number;
    const alpha = x0 >= 0 ? -norm : norm;
    // v = x - alpha e_1; |v|^2 = norm2 - 2 alpha x0 + alpha^2 = 2 (norm2 - alpha x0).
    for (let i = k; i < m; i++) reflectors[ck + i] = a[ck + i] as number;
    reflectors[ck + k] = x0 - alpha;
    const vNorm2 = 2 * (norm2 - alpha * x0);
    const beta = 2 / vNorm2;
    betas[k] = beta;
    a[ck + k] = alpha;
    for (let i = k + 1; i < m; i++) a[ck + i] = 0;
    for (let j = k + 1; j < n; j++) {
      const cj = j * m;
      let dot = 0;
      for (let i = k; i < m; i++) dot += (reflectors[ck + i] as number) * (a[cj + i] as number);
      const f = beta * dot;
      for (let i = k; i < m; i++) a[cj + i] = (a[cj + i] as number) - f * (reflectors[ck + i] as number);
    }
  }
  const r = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i <= j; i++) r[j * n + i] = a[j * m + i] as number;
  }
  return { reflectors, betas, r };
}

/**
 * One-sided Jacobi on the column-major n x n g: rotates column pairs until every pair is orthogonal
 * to working precision, so that g V = U diag(s). Columns whose norm is negligible (rank deficiency)
 * get orthonormal completions of U.
 */
function jacobiSvd(g: Float64Array, n: number): Svd {
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  const tol = EPS * n;
  const norms2 = new Float64Array(n);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    // Squared column norms, refreshed every sweep and updated exactly by each rotation in between.
    for (let j = 0; j < n; j++) norms2[j] = squaredNorm(g, j * n, n);
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      const cp = p * n;
      for (let q = p + 1; q < n; q++) {
        const cq = q * n;
        const alpha = norms2[p] as number;
        const beta = norms2[q] as number;
        let gamma = 0;
        for (let i = 0; i < n; i++) gamma += (g[cp + i] as number) * (g[cq + i] as number);
        if (gamma === 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        // Rotation angle that makes columns p and q orthogonal (smaller root, |t| <= 1); it moves
        // t gamma of squared norm from column p to column q.
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const sn = c * t;
        rotate(g, cp, cq, n, c, sn);
        rotate(v, cp, cq, n, c, sn);
        norms2[p] = Math.max(0, alpha - t * gamma);
        norms2[q] = beta + t * gamma;
      }
    }
    if (!rotated) break;
  }
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) norms[j] = Math.sqrt(squaredNorm(g, j * n, n));
  const order = Array.from({ length: n }, (_, j) => j).sort(
    (x, y) => (norms[y] as number) - (norms[x] as number)
  );
  const s = new Float64Array(n);
  const uR = new Float64Array(n * n);
  const vR = new Float64Array(n * n);
  const largest = n > 0 ? (norms[order[0] as number] as number) : 0;
  const negligible = largest * EPS * n;
  const missing: number[] = [];
  order.forEach((src, dst) => {
    const sigma = norms[src] as number;
    s[dst] = sigma;
    vR.set(v.subarray(src * n, src * n + n), dst * n);
    if (sigma > negligible && sigma > 0) {
      for (let i = 0; i < n; i++) uR[dst * n + i] = (g[src * n + i] as number) / sigma;
    } else {
      missing.push(dst);
    }
  });
  completeBasis(uR, n, missing);
  return { u: uR, s, v: vR };
}

function squaredNorm(x: Float64Array, offset: number, length: number): number {
  let sum = 0;
  for (let i = offset; i < offset + length; i++) sum += (x[i] as number) ** 2;
  return sum;
}

/** Columns p, q <- c p - s q, s p + c q (column-major, length n). */
function rotate(x: Float64Array, cp: number, cq: number, n: number, c: number, s: number): void {
  for (let i = 0; i < n; i++) {
    const xp = x[cp + i] as number;
    const xq = x[cq + i] as number;
    x[cp + i] = c * xp - s * xq;
    x[cq + i] = s * xp + c * xq;
  }
}

/**
 * Fills the listed columns of the column-major n x n u with unit vectors orthogonal to every other
 * column: Gram-Schmidt (twice, for stability) of the standard basis vector e_i farthest from the span
 * so far (its squared distance is 1 - sum over filled columns f of u_f[i]^2, at least 1/n).
 */
function completeBasis(u: Float64Array, n: number, missing: readonly number[]): void {
  const filled = new Set(Array.from({ length: n }, (_, j) => j));
  for (const j of missing) filled.delete(j);
  for (const j of missing) {
    let best = 0;
    let bestDistance = -Infinity;
    for (let i = 0; i < n; i++) {
      let inSpan = 0;
      for (const f of filled) inSpan += (u[f * n + i] as number) ** 2;
      if (1 - inSpan > bestDistance) {
        bestDistance = 1 - inSpan;
        best = i;
      }
    }
    const cj = j * n;
    u.fill(0, cj, cj + n);
    u[cj + best] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (const f of filled) {
        const cf = f * n;
        let dot = 0;
        for (let i = 0; i < n; i++) dot += (u[cf + i] as number) * (u[cj + i] as number);
        for (let i = 0; i < n; i++) u[cj + i] = (u[cj + i] as number) - dot * (u[cf + i] as number);
      }
    }
    let norm2 = 0;
    for (let i = 0; i < n; i++) norm2 += (u[cj + i] as number) ** 2;
    const inv = 1 / Math.sqrt(norm2);
    for (let i = 0; i < n; i++) u[cj + i] = (u[cj + i] as number) * inv;
    filled.add(j);
  }
}

/** Q [uR; 0] for the Householder Q of householderQr: m x n, column-major. */
function applyQ(
  reflectors: Float64Array,
  betas: Float64Array,
  uR: Float64Array,
  m: number,
  n: number
): Float64Array {
  const u = new Float64Array(m * n);
  for (let j = 0; j < n; j++) u.set(uR.subarray(j * n, j * n + n), j * m);
  for (let k = n - 1; k >= 0; k--) {
    const beta = betas[k] as number;
    if (beta === 0) continue;
    const ck = k * m;
    for (let j = 0; j < n; j++) {
      const cj = j * m;
      let dot = 0;
      for (let i = k; i < m; i++) dot += (reflectors[ck + i] as number) * (u[cj + i] as number);
      const f = beta * dot;
      for (let i = k; i < m; i++) u[cj + i] = (u[cj + i] as number) - f * (reflectors[ck + i] as number);
    }
  }
  return u;
}

function columnToRowMajor(x: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) out[i * cols + j] = x[j * rows + i] as number;
  }
  return out;
}

/**
 * Householder bidiagonalization of the column-major m x n a (m >= n), in place: A = Q B P^T with B
 * upper bidiagonal, diagonal d (n) and superdiagonal e (n - 1). Q and P are not kept.
 */
function bidiagonalize(a: Float64Array, m: number, n: number): { d: Float64Array; e: Float64Array } {
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(0, n - 1));
  const v = new Float64Array(Math.max(m, n));
  const w = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    // Left reflector: zeroes column k below the diagonal.
    const ck = k * m;
    for (let i = k; i < m; i++) v[i] = a[ck + i] as number;
    const left = householder(v, k, m);
    d[k] = left.alpha;
    if (left.beta !== 0) {
      for (let j = k + 1; j < n; j++) {
        const cj = j * m;
        let dot = 0;
        for (let i = k; i < m; i++) dot += (v[i] as number) * (a[cj + i] as number);
        const f = left.beta * dot;
        for (let i = k; i < m; i++) a[cj + i] = (a[cj + i] as number) - f * (v[i] as number);
      }
    }
    if (k >= n - 1) continue;
    // Right reflector: zeroes row k right of the superdiagonal.
    for (let j = k + 1; j < n; j++) v[j] = a[j * m + k] as number;
    const right = householder(v, k + 1, n);
    e[k] = right.alpha;
    if (right.beta === 0) continue;
    // Rows k+1..m-1: A <- A - beta (A v) v^T, column by column so that memory access is contiguous.
    w.fill(0, k + 1, m);
    for (let j = k + 1; j < n; j++) {
      const cj = j * m;
      const vj = v[j] as number;
      for (let i = k + 1; i < m; i++) w[i] = (w[i] as number) + (a[cj + i] as number) * vj;
    }
    for (let j = k + 1; j < n; j++) {
      const cj = j * m;
      const f = right.beta * (v[j] as number);
      for (let i = k + 1; i < m; i++) a[cj + i] = (a[cj + i] as number) - f * (w[i] as number);
    }
  }
  return { d, e };
}

/**
 * Turns x[from..to-1] into the Householder vector v with (I - beta v v^T) x = alpha e_1; beta 0 (and
 * alpha = x[from]) when x is already a multiple of e_1.
 */
function householder(x: Float64Array, from: number, to: number): { alpha: number; beta: number } {
  let tail = 0;
  for (let i = from + 1; i < to; i++) tail += (x[i] as number) ** 2;
  const x0 = x[from] as number;
  if (tail === 0) return { alpha: x0, beta: 0 };
  const norm = Math.sqrt(x0 * x0 + tail);
  const alpha = x0 >= 0 ? -norm : norm;
  x[from] = x0 - alpha;
  // |v|^2 = (x0 - alpha)^2 + tail = 2 (norm^2 - alpha x0).
  return { alpha, beta: 1 / (norm * norm - alpha * x0) };
}

/**
 * Singular values of the upper bidiagonal (d, e), descending: the non-negative eigenvalues of its
 * Golub-Kahan form, the 2n x 2n symmetric tridiagonal with zero diagonal and off-diagonal
 * (d_0, e_0, d_1, ..., e_{n-2}, d_{n-1}), whose eigenvalues are +-s_i. Each is bracketed by bisection
 * with Sturm counts, which is accurate to a few ulps of the value (Demmel and Kahan).
 */
function bidiagonalSingularValues(d: Float64Array, e: Float64Array): Float64Array {
  const n = d.length;
  const off = new Float64Array(Math.max(0, 2 * n - 1));
  for (let k = 0; k < n; k++) {
    off[2 * k] = d[k] as number;
    if (k < n - 1) off[2 * k + 1] = e[k] as number;
  }
  let bound = 0;
  for (let i = 0; i < off.length; i++) {
    bound = Math.max(bound, Math.abs(off[i] as number) + Math.abs((off[i + 1] ?? 0) as number));
  }
  const squares = off.map((x) => x * x);
  const pivotMin = Number.MIN_VALUE / EPS;
  // Eigenvalues of the Golub-Kahan matrix below x: n of them (the -s_i) plus the s_i below x.
  const below = (x: number): number => {
    let count = 0;
    let q = -x;
    if (q < 0) count++;
    for (let i = 0; i < squares.length; i++) {
      if (Math.abs(q) < pivotMin) q = -pivotMin;
      q = -x - (squares[i] as number) / q;
      if (q < 0) count++;
    }
    return count - n;
  };
  // Below EPS^2 times the norm a value is indistinguishable from 0 (bidiagonalization alone perturbs
  // every value by about EPS times the norm).
  const floor = EPS * EPS * bound + pivotMin;
  const s = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // s[k] is the (n - k)-th smallest: the least x with more than n - 1 - k values below it.
    const rank = n - 1 - k;
    let lo = 0;
    let hi = bound * (1 + 4 * EPS) + pivotMin;
    for (let iter = 0; iter < 200 && hi - lo > 2 * EPS * hi + floor; iter++) {
      const mid = 0.5 * (lo + hi);
      if (below(mid) > rank) hi = mid;
      else lo = mid;
    }
    s[k] = 0.5 * (lo + hi);
  }
  return s;
}
