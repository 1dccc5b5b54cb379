import { describe, expect, it } from 'vitest';
import type { RankAdviceResult } from '@shared/domain/records';
import { rankAdviceLines, suggestedRankFlags } from '../../../src-main/cli/rank-advice-text';

/** Singular values 4, 2, 1 (energy 16/21, 20/21, 1) and 3, 1 (energy 9/10, 1); 0.9 of the energy needs r = 2 and r = 1. */
const ADVICE: RankAdviceResult = {
  threshold: 0.9,
  pretrainEpochs: 20,
  layers: [
    {
      layer: 'dense0',
      rows: 30,
      cols: 3,
      singularValues: [4, 2, 1],
      energy: [16 / 21, 20 / 21, 1],
      proposedRank: 2
    },
    { layer: 'out', rows: 3, cols: 2, singularValues: [3, 1], energy: [9 / 10, 1], proposedRank: 1 }
  ],
  suggested: { ranks: [2, 1] }
};

describe('the rank advice', () => {
  it('prints per layer the shape, proposed rank and energy kept, then the flags', () => {
    expect(rankAdviceLines(ADVICE)).toEqual([
      "Ranks keeping 0.9 of each weight matrix's spectral energy, after a 20-epoch deterministic pre-fit:",
      '  layer   rows x cols  proposed r  energy at r',
      '  dense0       30 x 3           2        0.952',
      '  out           3 x 2           1        0.900',
      'Suggested flags: --ranks 2,1'
    ]);
  });

  it('writes the flags each architecture takes', () => {
    expect(suggestedRankFlags({ ranks: [12, 9, 1] })).toBe('--ranks 12,9,1');
    expect(suggestedRankFlags({ rankIh: 14, rankHh: 20 })).toBe('--ranks 14,20');
    expect(suggestedRankFlags({ rank: 6 })).toBe('--rank 6');
    expect(suggestedRankFlags({})).toBeNull();
  });
});
