import { describe, expect, it } from 'vitest';
import { mlpParamCounts } from '@shared/model/param-count';

describe('mlpParamCounts', () => {
  it("counts the paper's 44-128-128-1 MLP at r = 15 by hand", () => {
    // Low rank, per layer 2 r (m + n) + 2 n: 2*15*172 + 256 = 5416; 2*15*256 + 256 = 7936; 2*15*129 + 2 = 3872.
    // Full-rank BBB, 2 m n + 2 n: 11264 + 256 = 11520; 32768 + 256 = 33024; 256 + 2 = 258 -> 44802 (paper: 44.8k).
    // Ensemble, 5 (m n + n): 5 * (5760 + 16512 + 129) = 5 * 22401 = 112005 (paper: 112k).
    const counts = mlpParamCounts({
      inputDim: 44,
      outputDim: 1,
      hidden: [128, 128],
      ranks: [15, 15, 15],
      likelihoodParams: 0
    });
    expect(counts).toEqual({ lowRank: 17224, fullRankBayes: 44802, ensemble: 112005 });
  });

  it('adds the likelihood parameters once per network and uses each layer its own rank', () => {
    // 3 -> 2 (r 1) -> 1 (r 2), Gaussian log-sigma: low rank 2*1*5 + 4 + 2*2*3 + 2 + 1 = 29;
    // full 2*6 + 4 + 2*2 + 2 + 1 = 23; ensemble 5 * (6 + 2 + 2 + 1 + 1) = 60.
    const counts = mlpParamCounts({
      inputDim: 3,
      outputDim: 1,
      hidden: [2],
      ranks: [1, 2],
      likelihoodParams: 1
    });
    expect(counts).toEqual({ lowRank: 29, fullRankBayes: 23, ensemble: 60 });
  });

  it('rejects a rank list of the wrong length', () => {
    expect(() =>
      mlpParamCounts({ inputDim: 3, outputDim: 1, hidden: [2], ranks: [1], likelihoodParams: 0 })
    ).toThrow(/2 ranks/);
  });
});
