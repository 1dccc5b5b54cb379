import { describe, expect, it } from 'vitest';
import { TrainConfigSchema } from '@shared/domain/config';
import type { TrainConfigInput } from '@shared/domain/config';
import { describeNetwork, withRank } from '../../../src-main/services/run-service';
import { suggestedSettings } from '../../../src-main/compute/jobs/advise-rank';

const base = (extra: Partial<TrainConfigInput>) =>
  TrainConfigSchema.parse({ datasetId: 1, target: 'y', ...extra });

describe('describeNetwork', () => {
  it('names the rank of low-rank methods and the method of baselines', () => {
    expect(describeNetwork(base({ rank: 6 }))).toBe('MLP r=6');
    expect(describeNetwork(base({ ranks: [4, 3, 1], method: 'lr-svd' }))).toBe('LR-SVD MLP r=4/3/1');
    expect(describeNetwork(base({ method: 'bbb', rank: 6 }))).toBe('BBB MLP');
    expect(describeNetwork(base({ method: 'ensemble', members: 3 }))).toBe('ensemble of 3 MLP');
    expect(
      describeNetwork(base({ arch: 'lstm', series: { time: 't' }, lstm: { rankIh: 5, rankHh: 7 } }))
    ).toBe('LSTM r=5/7');
    expect(describeNetwork(base({ arch: 'transformer', text: { column: 'x' }, method: 'rank1' }))).toBe(
      'Rank-1 Transformer'
    );
  });
});

describe('withRank', () => {
  it('sets every low-rank matrix of the network to the sweep rank', () => {
    const mlp = withRank(base({ ranks: [4, 3, 1] }), 9);
    expect(mlp.rank).toBe(9);
    expect(mlp.ranks).toBeUndefined();
    const lstm = withRank(base({ arch: 'lstm', series: { time: 't' } }), 3);
    expect([lstm.lstm.rankIh, lstm.lstm.rankHh]).toEqual([3, 3]);
    expect(withRank(base({ arch: 'transformer', text: { column: 'x' } }), 2).transformer.rank).toBe(2);
  });
});

describe('suggestedSettings', () => {
  const advice = (layer: string, proposedRank: number) => ({
    layer,
    rows: 8,
    cols: 8,
    singularValues: [],
    energy: [],
    proposedRank
  });
  it('gives the MLP one rank per matrix, the LSTM and Transformer the largest proposal of each kind', () => {
    expect(suggestedSettings(base({}), [advice('layer0', 5), advice('layer1', 2)])).toEqual({
      ranks: [5, 2]
    });
    const lstm = base({ arch: 'lstm', series: { time: 't' } });
    expect(
      suggestedSettings(lstm, [
        advice('layer0.ih', 2),
        advice('layer0.hh', 9),
        advice('layer1.ih', 6),
        advice('layer1.hh', 4),
        advice('head', 1)
      ])
    ).toEqual({ rankIh: 6, rankHh: 9 });
    const transformer = base({ arch: 'transformer', text: { column: 'x' } });
    expect(
      suggestedSettings(transformer, [advice('embedding', 7), advice('block0.query', 11), advice('head', 40)])
    ).toEqual({ rank: 11 });
  });
});
