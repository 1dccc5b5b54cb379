import { describe, expect, it } from 'vitest';
import { lstmParamCounts, transformerParamCounts } from '@shared/model/param-count';

describe('lstmParamCounts', () => {
  it('counts a 2-layer LSTM worked by hand (d_in 3, H 2, r_ih 1, r_hh 2)', () => {
    // 4H = 8. Layer 1: 2*(1*(3+8) + 2*(2+8)) + 2*8 = 78; layer 2 (d_in = H = 2): 2*(1*10 + 2*10) + 16 = 76;
    // head (rank 1, H -> 1): 2*(1*(2+1)) + 2 = 8. Low rank 162.
    // Full-rank BBB: 2*(3*8 + 2*8) + 16 = 96; 2*(2*8 + 2*8) + 16 = 80; head 2*2 + 2 = 6. Total 182.
    // Deterministic: 24 + 16 + 8 = 48; 16 + 16 + 8 = 40; head 3 -> 91; five members 455.
    expect(
      lstmParamCounts({ inputFeatures: 3, hidden: 2, layers: 2, rankIh: 1, rankHh: 2, likelihoodParams: 0 })
    ).toEqual({
      lowRank: 162,
      fullRankBayes: 182,
      ensemble: 455
    });
  });

  it('counts a single layer with the weather inputs (target history + 2 features, H 16, r 4 / 6)', () => {
    // 4H = 64: 2*(4*(3+64) + 6*(16+64)) + 128 = 2*(268 + 480) + 128 = 1624; head 2*17 + 2 = 36 -> 1660.
    // Full: 2*(3*64 + 16*64) + 128 = 2432 + 128 = 2560; head 34 -> 2594. Det: 192 + 1024 + 64 + 17 = 1297 -> 6485.
    expect(
      lstmParamCounts({ inputFeatures: 3, hidden: 16, layers: 1, rankIh: 4, rankHh: 6, likelihoodParams: 0 })
    ).toEqual({
      lowRank: 1660,
      fullRankBayes: 2594,
      ensemble: 6485
    });
  });

  it('adds the likelihood parameters once per network (every ensemble member has its own)', () => {
    // d_in 1 (the target alone), H 16, r 4 / 6: 2*(4*65 + 6*80) + 128 + 36 = 1644, + the noise scale = 1645,
    // the count the trained weather run reports. Full 2*(64 + 1024) + 128 + 34 + 1 = 2339;
    // ensemble 5*(64 + 1024 + 64 + 17 + 1) = 5850.
    expect(
      lstmParamCounts({ inputFeatures: 1, hidden: 16, layers: 1, rankIh: 4, rankHh: 6, likelihoodParams: 1 })
    ).toEqual({ lowRank: 1645, fullRankBayes: 2339, ensemble: 5850 });
  });
});

describe('transformerParamCounts', () => {
  it('counts a one-block encoder worked by hand (V 10, max length 4, d 2, ff 3, r 1, K 1)', () => {
    // Embedding 2*1*(10+2) = 24; positions 4*2 = 8.
    // Block: attention 4*(2*1*(2+2) + 2*2) = 48; FFN 2*1*(2+3) + 2*3 + 2*1*(3+2) + 2*2 = 30; 2 LayerNorms 8 -> 86.
    // Final LayerNorm 4; head (rank min(1, 1) = 1) 2*1*(2+1) + 2*1 = 8. Total 130.
    // Full: 2*10*2 = 40; 8; 4*(2*4 + 4) = 48, 2*6 + 6 + 2*6 + 4 = 34, 8 -> 90; 4; 2*2 + 2 = 6 -> 148.
    // Deterministic: 20; 8; 4*(4 + 2) = 24, 6 + 3 + 6 + 2 = 17, 8 -> 49; 4; 2 + 1 = 3 -> 84; five members 420.
    expect(
      transformerParamCounts({ vocabSize: 10, maxLen: 4, dModel: 2, layers: 1, ff: 3, rank: 1, outputDim: 1 })
    ).toEqual({ lowRank: 130, fullRankBayes: 148, ensemble: 420 });
  });

  it('gives the head rank min(r, K): a d x K matrix has rank at most K', () => {
    // r 3, K 2 (three classes would be K 3): everything as above with r 3, but the head has rank 2.
    // Embedding 2*3*12 = 72; positions 8; block 4*(2*3*4 + 4) + (2*3*5 + 6 + 2*3*5 + 4) + 8 = 112 + 70 + 8 = 190;
    // final 4; head 2*2*(2+2) + 2*2 = 20. Total 294.
    const counts = transformerParamCounts({
      vocabSize: 10,
      maxLen: 4,
      dModel: 2,
      layers: 1,
      ff: 3,
      rank: 3,
      outputDim: 2
    });
    expect(counts.lowRank).toBe(294);
  });

  it('reproduces the paper table for SST-2 (d 256, 4 layers, ff 512, length 64, r 16, BERT vocabulary)', () => {
    // METHOD.md section 8: 1.5M / 19.8M / 49.6M.
    const counts = transformerParamCounts({
      vocabSize: 30522,
      maxLen: 64,
      dModel: 256,
      layers: 4,
      ff: 512,
      rank: 16,
      outputDim: 2
    });
    expect(counts.lowRank / 1e6).toBeCloseTo(1.5, 1);
    expect(counts.fullRankBayes / 1e6).toBeCloseTo(19.8, 0);
    expect(Math.abs(counts.ensemble / 1e6 - 49.6)).toBeLessThan(0.15);
  });
});
