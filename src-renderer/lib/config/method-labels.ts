import { BAYESIAN_METHODS, LOW_RANK_METHODS } from '@shared/domain/config';
import type { Method } from '@shared/domain/config';

/** How each method is offered in the Model view, with one line on what it does (METHOD.md section 5). */
export const METHOD_CHOICES: readonly {
  method: Method;
  label: string;
  short: string;
  explanation: string;
}[] = [
  {
    method: 'sbnn',
    short: 'SBNN',
    label: 'Low-rank Bayesian (SBNN)',
    explanation:
      'W = A Bᵀ with a Gaussian posterior on every entry of A and B: few parameters, honest uncertainty.'
  },
  {
    method: 'lr-svd',
    short: 'LR-SVD',
    label: 'Low-rank Bayesian, SVD start',
    explanation:
      'Trains a deterministic network first, starts A and B from its truncated SVD, then trains as SBNN.'
  },
  {
    method: 'bbb',
    short: 'BBB',
    label: 'Full-rank Bayes by Backprop',
    explanation:
      'A Gaussian posterior on every weight entry: the full-rank baseline, about twice the weights.'
  },
  {
    method: 'rank1',
    short: 'Rank-1',
    label: 'Rank-1 multiplicative',
    explanation: 'Deterministic weights W₀ scaled by Bayesian vectors s rᵀ: W = W₀ ∘ (s rᵀ).'
  },
  {
    method: 'deterministic',
    short: 'Deterministic',
    label: 'Deterministic network',
    explanation: 'Point weights, no posterior: uncertainty only from the likelihood.'
  },
  {
    method: 'ensemble',
    short: 'Ensemble',
    label: 'Deep ensemble',
    explanation: 'Several deterministic networks from different seeds; uncertainty from their disagreement.'
  }
];

export function methodLabel(method: string): string {
  return METHOD_CHOICES.find((c) => c.method === method)?.label ?? method;
}

/** A method's name in a dense table column, e.g. "BBB". */
export function methodShortLabel(method: string): string {
  return METHOD_CHOICES.find((c) => c.method === method)?.short ?? method;
}

/** Ranks apply only to the low-rank methods; every other method ignores the rank fields. */
export function usesRank(method: string): boolean {
  return LOW_RANK_METHODS.some((m) => m === method);
}

/** Methods with a posterior over weights (a KL term, a PAC-Bayes bound). */
export function isBayesian(method: string): boolean {
  return BAYESIAN_METHODS.some((m) => m === method);
}
