/**
 * KL(q || p) of a mean-field Gaussian posterior q = prod_i N(mu_i, sigma_i^2) to the prior p of
 * METHOD.md section 2, summed over entries: the KL(Q || P) term of the PAC-Bayes bound (section 7).
 *
 * Gaussian prior N(0, s^2): closed form log(s / sigma) + (sigma^2 + mu^2) / (2 s^2) - 1/2.
 *
 * Scale mixture pi_1 N(0, s_1^2) + pi_2 N(0, s_2^2): KL_i = -H[q_i] - E_q[log p(w)] has no closed
 * form. With b the wider component and n the narrower,
 *   log p(w) = log(pi_b N(w; 0, s_b^2)) + h(w),   h(w) = softplus(c - a w^2),
 *   a = (1 / s_n^2 - 1 / s_b^2) / 2,   c = log(pi_n / pi_b) + log(s_b / s_n),
 * so that E_q of the first term is closed form and only E_q[h] needs quadrature:
 *   KL_i = log(s_b / sigma) - 1/2 + (mu^2 + sigma^2) / (2 s_b^2) - log pi_b - E_q[h].
 * h is a bump around 0 of height about c and width about s_n (sharply peaked when s_n = e^-6 is far
 * smaller than sigma), and decays like e^(c - a w^2): beyond |w| = B = sqrt((c + 30) / a) it is below
 * e^-30 and is dropped. E_q[h] is integrated over [-B, B] within 7.5 sigma of mu by composite 8-point
 * Gauss-Legendre with panels no wider than 1.5 times the smaller of sigma and the bump's feature scale
 * (relative error below 1e-9 per entry against adaptive quadrature: test/fixtures/theory/kl.py).
 * When sigma is at least the feature scale the panels are one fixed grid whose h values are computed
 * once per prior, so an entry costs at most a few dozen exponentials.
 */
import type { PriorConfig } from '../domain/config';
import { softplus } from '../math/softplus';

/** Gauss-Legendre 8-point nodes and weights on [-1, 1], the positive half (the rule is symmetric). */
const GL_NODES = [0.18343464249564978, 0.525532409916329, 0.7966664774136267, 0.9602898564975362];
const GL_WEIGHTS = [0.36268378337836177, 0.31370664587788705, 0.22238103445337434, 0.10122853629037669];
/** Half-width of the integration window around mu, in sigmas: the Gaussian mass outside is 7e-14. */
const WINDOW_SIGMAS = 7.5;
/** Panel width, in units of the smaller of sigma and the bump's feature scale. */
const PANEL_SCALE = 1.5;
/** h(w) < e^-DROP_LOG beyond the bump's support [-B, B]. */
const DROP_LOG = 30;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

export function klToPrior(mu: ArrayLike<number>, sigma: ArrayLike<number>, prior: PriorConfig): number {
  if (mu.length !== sigma.length) {
    throw new RangeError(`klToPrior: ${mu.length} means but ${sigma.length} standard deviations`);
  }
  const entryKl =
    prior.kind === 'gaussian' ? gaussianKl(prior.sigma) : mixtureKl(prior.pi, prior.sigma1, prior.sigma2);
  let total = 0;
  for (let i = 0; i < mu.length; i++) {
    const s = sigma[i] as number;
    const m = mu[i] as number;
    if (!(s > 0) || !Number.isFinite(s) || !Number.isFinite(m)) {
      throw new RangeError(`klToPrior: entry ${i} has mean ${m} and standard deviation ${s}`);
    }
    // KL >= 0; the clamp only removes rounding (q = p exactly can come out as -1e-17).
    total += Math.max(0, entryKl(m, s));
  }
  return total;
}

type EntryKl = (mu: number, sigma: number) => number;

/** KL(N(mu, sigma^2) || N(0, s^2)). */
function gaussianKl(s: number): EntryKl {
  const logS = Math.log(s);
  const inv2s2 = 1 / (2 * s * s);
  return (mu, sigma) => logS - Math.log(sigma) + (sigma * sigma + mu * mu) * inv2s2 - 0.5;
}

function mixtureKl(pi: number, sigma1: number, sigma2: number): EntryKl {
  const [piB, sB, piN, sN]: [number, number, number, number] =
    sigma1 >= sigma2 ? [pi, sigma1, 1 - pi, sigma2] : [1 - pi, sigma2, pi, sigma1];
  const wide = gaussianKl(sB);
  const logPiB = Math.log(piB);
  if (sB === sN) return wide; // both components are the same Gaussian
  const bump = bumpExpectation((1 / (sN * sN) - 1 / (sB * sB)) / 2, Math.log(piN / piB) + Math.log(sB / sN));
  return (mu, sigma) => wide(mu, sigma) - logPiB - bump(mu, sigma);
}

/** mu, sigma -> E_{N(mu, sigma^2)}[softplus(c - a w^2)] for a > 0 (see the file comment). */
function bumpExpectation(a: number, c: number): EntryKl {
  if (c + DROP_LOG <= 0) return () => 0; // h < e^-30 everywhere
  const h = (w: number): number => softplus(c - a * w * w);
  const support = Math.sqrt((c + DROP_LOG) / a);
  // Width of h's features: the bump's Gaussian scale 1 / sqrt(2 a), and for a tall bump (large c)
  // the narrower shoulder where c - a w^2 crosses 0, of width about 1 / (2 sqrt(a c)).
  const scale = Math.min(1, Math.sqrt(6 / Math.max(c, 6))) / Math.sqrt(2 * a);
  const grid = fixedGrid(h, support, PANEL_SCALE * scale);
  return (mu, sigma) => {
    const lo = Math.max(-support, mu - WINDOW_SIGMAS * sigma);
    const hi = Math.min(support, mu + WINDOW_SIGMAS * sigma);
    if (lo >= hi) return 0;
    const inv2s2 = 1 / (2 * sigma * sigma);
    let sum = 0;
    if (sigma >= scale) {
      // Fixed panels covering [lo, hi], h precomputed.
      const first = Math.max(0, Math.floor((lo + support) / grid.width));
      const last = Math.min(grid.panels - 1, Math.floor((hi + support) / grid.width));
      for (let k = first * 8; k < (last + 1) * 8; k++) {
        const d = (grid.nodes[k] as number) - mu;
        sum += (grid.weightedH[k] as number) * Math.exp(-d * d * inv2s2);
      }
    } else {
      const panels = Math.ceil((hi - lo) / (PANEL_SCALE * sigma));
      const width = (hi - lo) / panels;
      for (let p = 0; p < panels; p++) {
        const centre = lo + (p + 0.5) * width;
        for (let j = 0; j < 4; j++) {
          const offset = 0.5 * width * (GL_NODES[j] as number);
          const wj = 0.5 * width * (GL_WEIGHTS[j] as number);
          const dLeft = centre - offset - mu;
          const dRight = centre + offset - mu;
          sum += wj * h(centre - offset) * Math.exp(-dLeft * dLeft * inv2s2);
          sum += wj * h(centre + offset) * Math.exp(-dRight * dRight * inv2s2);
        }
      }
    }
    return (sum * INV_SQRT_2PI) / sigma;
  };
}

/**
 * Composite 8-point Gauss-Legendre nodes on [-support, support] in panels of at most maxWidth, with
 * each node's quadrature weight times h at the node.
 */
function fixedGrid(
  h: (w: number) => number,
  support: number,
  maxWidth: number
): { width: number; panels: number; nodes: Float64Array; weightedH: Float64Array } {
  const panels = Math.ceil((2 * support) / maxWidth);
  const width = (2 * support) / panels;
  const nodes = new Float64Array(panels * 8);
  const weightedH = new Float64Array(panels * 8);
  for (let p = 0; p < panels; p++) {
    const centre = -support + (p + 0.5) * width;
    for (let j = 0; j < 4; j++) {
      const offset = 0.5 * width * (GL_NODES[j] as number);
      const wj = 0.5 * width * (GL_WEIGHTS[j] as number);
      nodes[p * 8 + 2 * j] = centre - offset;
      nodes[p * 8 + 2 * j + 1] = centre + offset;
      weightedH[p * 8 + 2 * j] = wj * h(centre - offset);
      weightedH[p * 8 + 2 * j + 1] = wj * h(centre + offset);
    }
  }
  return { width, panels, nodes, weightedH };
}
