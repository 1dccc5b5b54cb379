import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORMER } from '../../../../src-shared/domain/config';
import { BayesianTransformerClassifier } from '../../../../src-main/model/transformer/bayesian-transformer';
import { transformerParamCounts } from '@shared/model/param-count';
import {
  resolveTransformerSpec,
  transformerSpecFromConfig
} from '../../../../src-main/model/transformer/transformer-spec';
import { useCpu } from '../helpers';

beforeAll(useCpu);

const prior = { kind: 'gaussian', sigma: 1 } as const;

describe('transformerParamCounts (paper convention: every mu and rho)', () => {
  it('counts a tiny network by hand', () => {
    // V 10, L 4, d 4, 1 layer, ff 6, r 2, K 3 (head rank 2).
    // embedding 2*2*(10+4) = 56; positions 16; LayerNorms (2 + 1) * 8 = 24
    // W_Q, W_K, W_V, W_O: 4 * (2*2*(4+4) + 8) = 160; W1: 2*2*(4+6) + 12 = 52; W2: 2*2*(6+4) + 8 = 48
    // head: 2*2*(4+3) + 6 = 34  -> 56 + 16 + 24 + 160 + 52 + 48 + 34 = 390
    const shape = { vocabSize: 10, maxLen: 4, dModel: 4, layers: 1, ff: 6, rank: 2, outputDim: 3 };
    const counts = transformerParamCounts(shape);
    expect(counts.lowRank).toBe(390);
    // full-rank BBB: 2*10*4 = 80 + 16 + 24 + 4*(2*16 + 8) = 160 + (2*24 + 12) = 60 + (2*24 + 8) = 56 + (2*12 + 6) = 30 -> 426
    expect(counts.fullRankBayes).toBe(426);
    // deterministic: 40 + 16 + 24 + 4*(16 + 4) = 80 + (24 + 6) + (24 + 4) + (12 + 3) = 233; five members
    expect(counts.ensemble).toBe(5 * 233);
    const model = new BayesianTransformerClassifier({
      arch: 'transformer',
      heads: 2,
      prior,
      seed: 1,
      ...shape
    });
    expect(model.paramCount).toBe(390);
    model.dispose();
  });

  it('agrees with the built model at the default size (d 64, 2 layers, ff 128, L 128, V 8000, r 8)', () => {
    const spec = transformerSpecFromConfig(DEFAULT_TRANSFORMER, { maxLen: 128 }, 8000, 1, prior, 1);
    const model = new BayesianTransformerClassifier(spec);
    expect(model.paramCount).toBe(transformerParamCounts(spec).lowRank);
    expect(spec.headRank).toBe(1);
    model.dispose();
  });
});

describe('resolveTransformerSpec', () => {
  it('fills the defaults and rejects impossible shapes with every problem listed', () => {
    const spec = resolveTransformerSpec({
      arch: 'transformer',
      vocabSize: 50,
      maxLen: 8,
      dModel: 8,
      layers: 1,
      heads: 2,
      ff: 8,
      rank: 4,
      outputDim: 2,
      prior,
      seed: 1
    });
    expect(spec.activation).toBe('gelu');
    expect(spec.headRank).toBe(2);
    expect(() => resolveTransformerSpec({ ...spec, dModel: 10, heads: 4, rank: 0 })).toThrow(
      /dModel 10 must be a multiple of heads 4.*|rank must be a positive integer/
    );
    expect(() => resolveTransformerSpec({ ...spec, heads: 3, vocabSize: 2 })).toThrow(/vocabSize 2.*heads 3/);
  });
});
