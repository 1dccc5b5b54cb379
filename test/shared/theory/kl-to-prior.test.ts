import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PriorConfig } from '@shared/domain/config';
import { klToPrior } from '@shared/theory/kl-to-prior';

/** Produced by test/fixtures/theory/kl.py (scipy.integrate.quad, cross-checked by dense Simpson). */
const fixture = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/theory/kl.json'), 'utf8')) as {
  cases: Array<{ prior: PriorConfig; entries: Array<{ mu: number; sigma: number; kl: number }> }>;
};

function describePrior(p: PriorConfig): string {
  return p.kind === 'gaussian'
    ? `N(0, ${p.sigma}^2)`
    : `${p.pi} N(0, ${p.sigma1.toPrecision(3)}^2) + ${1 - p.pi} N(0, ${p.sigma2.toPrecision(3)}^2)`;
}

describe('klToPrior, Gaussian prior, hand-worked', () => {
  const prior: PriorConfig = { kind: 'gaussian', sigma: 1 };
  it('is 0 for q = p, mu^2 / 2 for a shifted mean, log 2 + 1/8 - 1/2 for half the std', () => {
    expect(klToPrior([0], [1], prior)).toBe(0);
    expect(klToPrior([1], [1], prior)).toBeCloseTo(0.5, 15);
    expect(klToPrior([0], [0.5], prior)).toBeCloseTo(Math.log(2) + 0.125 - 0.5, 15);
    // q = p with s = 0.3 rounds to -5.6e-17 before clamping at 0.
    expect(klToPrior([0], [0.3], { kind: 'gaussian', sigma: 0.3 })).toBe(0);
    // Sum over entries.
    expect(klToPrior([0, 1, 0], [1, 1, 0.5], prior)).toBeCloseTo(0.5 + Math.log(2) + 0.125 - 0.5, 15);
  });
});

describe('klToPrior against adaptive quadrature', () => {
  for (const c of fixture.cases) {
    it(`matches every entry to 1e-8 relative for ${describePrior(c.prior)}`, () => {
      let total = 0;
      for (const e of c.entries) {
        const kl = klToPrior([e.mu], [e.sigma], c.prior);
        expect(Math.abs(kl - e.kl), `mu ${e.mu}, sigma ${e.sigma}`).toBeLessThanOrEqual(
          1e-6 * Math.abs(e.kl) + 1e-9
        );
        total += e.kl;
      }
      const sum = klToPrior(
        c.entries.map((e) => e.mu),
        Float64Array.from(c.entries.map((e) => e.sigma)),
        c.prior
      );
      expect(Math.abs(sum - total)).toBeLessThanOrEqual(1e-7 * total);
    });
  }
});

describe('klToPrior', () => {
  it('sums 10^6 entries of the default mixture prior, additively over entries', () => {
    const n = 1_000_000;
    const mu = new Float32Array(n);
    const sigma = new Float32Array(n);
    // Spread over the regimes a trained layer has: means from 0 to a few tenths, stds 1e-4..0.2.
    for (let i = 0; i < n; i++) {
      mu[i] = 0.3 * Math.sin(i * 0.7311);
      sigma[i] = Math.exp(-9.2 + 7.6 * (((i * 0.6180339887) % 1) as number));
    }
    const prior: PriorConfig = { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) };
    const kl = klToPrior(mu, sigma, prior);
    expect(Number.isFinite(kl) && kl > 0).toBe(true);
    const half = n / 2;
    const parts =
      klToPrior(mu.subarray(0, half), sigma.subarray(0, half), prior) +
      klToPrior(mu.subarray(half), sigma.subarray(half), prior);
    expect(Math.abs(kl - parts)).toBeLessThanOrEqual(1e-9 * kl);
  });

  it('treats the prior components symmetrically', () => {
    const a: PriorConfig = { kind: 'scale-mixture', pi: 0.3, sigma1: 1, sigma2: 0.01 };
    const b: PriorConfig = { kind: 'scale-mixture', pi: 0.7, sigma1: 0.01, sigma2: 1 };
    expect(klToPrior([0.02, -0.5], [0.005, 0.1], a)).toBeCloseTo(
      klToPrior([0.02, -0.5], [0.005, 0.1], b),
      12
    );
  });

  it('equals the Gaussian KL when both components are the same', () => {
    const mixture: PriorConfig = { kind: 'scale-mixture', pi: 0.4, sigma1: 0.7, sigma2: 0.7 };
    const gaussian: PriorConfig = { kind: 'gaussian', sigma: 0.7 };
    expect(klToPrior([0.3], [0.2], mixture)).toBeCloseTo(klToPrior([0.3], [0.2], gaussian), 14);
  });

  it('rejects mismatched lengths and invalid standard deviations', () => {
    const prior: PriorConfig = { kind: 'gaussian', sigma: 1 };
    expect(() => klToPrior([0, 1], [1], prior)).toThrow(RangeError);
    expect(() => klToPrior([0], [0], prior)).toThrow(RangeError);
    expect(() => klToPrior([Number.NaN], [1], prior)).toThrow(RangeError);
  });
});
