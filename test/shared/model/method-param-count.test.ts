import { describe, expect, it } from 'vitest';
import type { Method } from '@shared/domain/config';
import { methodParamCount } from '@shared/model/param-count';
import type { NetworkShape } from '@shared/model/param-count';

const count = (shape: NetworkShape, members?: number) => (method: Method) =>
  methodParamCount(shape, method, members);

describe('methodParamCount (METHOD.md sections 1 and 5), hand-worked on tiny networks', () => {
  it('MLP 3 -> 8 -> 1, ranks 2 and 1', () => {
    const of = count(
      { arch: 'mlp', inputDim: 3, outputDim: 1, hidden: [8], ranks: [2, 1], likelihoodParams: 0 },
      3
    );
    // Low rank: 2*2*(3+8) + 2*8 = 60; 2*1*(8+1) + 2 = 20.
    expect(of('sbnn')).toBe(80);
    expect(of('lr-svd')).toBe(80);
    // BBB: 2*24 + 16 = 64; 2*8 + 2 = 18.
    expect(of('bbb')).toBe(82);
    // Deterministic: 24 + 8 = 32; 8 + 1 = 9. Rank-1 adds 2 (m + n): 32 + 22 = 54; 9 + 18 = 27.
    expect(of('deterministic')).toBe(41);
    expect(of('rank1')).toBe(81);
    expect(of('ensemble')).toBe(3 * 41);
  });

  it('LSTM F = 2, H = 3, 2 layers, r_ih = r_hh = 2, Gaussian log-sigma', () => {
    const of = count({
      arch: 'lstm',
      inputFeatures: 2,
      hidden: 3,
      layers: 2,
      rankIh: 2,
      rankHh: 2,
      likelihoodParams: 1
    });
    // Low rank: layer 0 2*2*(2+12) + 24 + 2*2*(3+12) = 140; layer 1 2*2*15 + 24 + 60 = 144;
    // head 2*1*(3+1) + 2 = 10; log-sigma 1.
    expect(of('sbnn')).toBe(295);
    // BBB: 2*24 + 24 + 2*36 = 144; 2*36 + 24 + 72 = 168; head 2*3 + 2 = 8; 1.
    expect(of('bbb')).toBe(321);
    // Deterministic: 24 + 12 + 36 = 72; 36 + 12 + 36 = 84; head 4; 1.
    expect(of('deterministic')).toBe(161);
    // Rank-1: 24 + 12 + 2*14 = 64 and 36 + 2*15 = 66; 36 + 12 + 30 = 78 and 66; head 3 + 1 + 2*4 = 12; 1.
    expect(of('rank1')).toBe(287);
    // Five members, each with its own log-sigma.
    expect(of('ensemble')).toBe(5 * 161);
  });

  it('Transformer V 9, L 5, d 4, 1 block, d_ff 6, r 2, one output', () => {
    const of = count(
      { vocabSize: 9, maxLen: 5, dModel: 4, layers: 1, ff: 6, rank: 2, outputDim: 1, arch: 'transformer' },
      2
    );
    // Positions 5*4 = 20 and three LayerNorms 3*2*4 = 24: 44 in every network.
    // Low rank: embedding 2*2*13 = 52; Q, K, V, O 4 * (2*2*8 + 8) = 160; W1 2*2*10 + 12 = 52;
    // W2 2*2*10 + 8 = 48; head (rank min(2, 1) = 1) 2*1*5 + 2 = 12.
    expect(of('sbnn')).toBe(368);
    // BBB: 72; 4 * 40 = 160; 48 + 12 = 60; 48 + 8 = 56; 8 + 2 = 10.
    expect(of('bbb')).toBe(402);
    // Deterministic: 36; 4 * 20 = 80; 30; 28; 5.
    expect(of('deterministic')).toBe(223);
    // Rank-1: 36 + 26 = 62; 4 * 36 = 144; 30 + 20 = 50; 28 + 20 = 48; 5 + 10 = 15.
    expect(of('rank1')).toBe(363);
    expect(of('ensemble')).toBe(2 * 223);
  });
});
