import { describe, expect, it } from 'vitest';
import { MethodSchema } from '@shared/domain/config';
import {
  METHOD_CHOICES,
  isBayesian,
  methodLabel,
  usesRank
} from '../../../../src-renderer/lib/config/method-labels';

describe('method labels', () => {
  it('offers every method of the config exactly once', () => {
    expect(METHOD_CHOICES.map((c) => c.method).sort()).toEqual([...MethodSchema.options].sort());
  });
  it('lets only the two low-rank methods use the rank fields (METHOD.md section 5)', () => {
    expect(MethodSchema.options.filter(usesRank)).toEqual(['sbnn', 'lr-svd']);
    expect(usesRank('no such method')).toBe(false);
  });
  it('counts the four methods with a weight posterior as Bayesian', () => {
    expect(MethodSchema.options.filter(isBayesian)).toEqual(['sbnn', 'lr-svd', 'bbb', 'rank1']);
  });
  it('names a method, and shows an unknown one as stored', () => {
    expect(methodLabel('bbb')).toBe('Full-rank Bayes by Backprop');
    expect(methodLabel('mc-dropout')).toBe('mc-dropout');
  });
});
