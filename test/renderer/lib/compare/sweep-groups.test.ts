import { describe, expect, it } from 'vitest';
import { sweepGroups, uniformRank } from '../../../../src-renderer/lib/compare/sweep-groups';
import { TrainConfigSchema } from '@shared/domain/config';
import type { RunMetrics } from '@shared/domain/records';
import { counts, makeRun } from './make-run';

const metrics = (nll: number, auroc: number, bound: number): RunMetrics => ({
  test: { accuracy: 0.7, nll, brier: 0.2, ece: 0.05, auroc: 0.7 },
  ood: { auroc, auprIn: 0.8, auprOut: 0.7, fpr95: 0.5 },
  oodThreshold: 0.5,
  counts,
  pacBayes: { kl: 10, empiricalRisk: 0.3, n: 100, delta: 0.05, bound, loss: '0-1 loss', bayesianParams: 10 }
});

describe('uniformRank', () => {
  it('reads the one rank of each network, or null when the matrices differ', () => {
    const parse = (input: object) => TrainConfigSchema.parse({ datasetId: 1, target: 'y', ...input });
    expect(uniformRank(parse({ hidden: [32, 32], rank: 6 }))).toBe(6);
    expect(uniformRank(parse({ hidden: [32], ranks: [4, 4] }))).toBe(4);
    expect(uniformRank(parse({ hidden: [32], ranks: [4, 2] }))).toBeNull();
    expect(uniformRank(parse({ arch: 'lstm', series: { time: 't' }, lstm: { rankIh: 8, rankHh: 8 } }))).toBe(
      8
    );
    expect(uniformRank(parse({ arch: 'lstm', series: { time: 't' } }))).toBeNull();
    expect(
      uniformRank(parse({ arch: 'transformer', text: { column: 'x' }, transformer: { rank: 16 } }))
    ).toBe(16);
  });
});

describe('sweepGroups', () => {
  it('groups runs that differ only in rank (and name), sorted by rank', () => {
    const runs = [
      makeRun(3, { rank: 8, name: 'r8' }, metrics(0.5, 0.8, 0.6), { params: 800 }),
      makeRun(2, { rank: 2, name: 'r2' }, metrics(0.6, 0.7, 0.5), { params: 200 }),
      makeRun(4, { rank: 4 }, metrics(0.55, 0.75, 0.55), { params: 400 }),
      // Another learning rate: not the same sweep, and alone in its group.
      makeRun(5, { rank: 16, lr: 0.01 }, metrics(0.4, 0.9, 0.9)),
      // Another method at the same ranks: a group of its own.
      makeRun(6, { rank: 2, method: 'lr-svd' }, metrics(0.6, 0.7, 0.5)),
      makeRun(7, { rank: 4, method: 'lr-svd' }, metrics(0.6, 0.7, 0.5))
    ];
    const groups = sweepGroups(runs);
    expect(groups).toHaveLength(2);
    expect(groups[0]?.label).toBe('Rotterdam · mlp · sbnn');
    expect(groups[0]?.points).toEqual([
      { runId: 2, rank: 2, params: 200, bound: 0.5, oodAuroc: 0.7, nll: 0.6 },
      { runId: 4, rank: 4, params: 400, bound: 0.55, oodAuroc: 0.75, nll: 0.55 },
      { runId: 3, rank: 8, params: 800, bound: 0.6, oodAuroc: 0.8, nll: 0.5 }
    ]);
    expect(groups[1]?.points.map((p) => p.runId)).toEqual([6, 7]);
  });

  it('keeps the newest run of a repeated rank and skips unfinished runs', () => {
    const runs = [
      makeRun(1, { rank: 2 }, metrics(0.6, 0.7, 0.5)),
      makeRun(9, { rank: 2 }, metrics(0.58, 0.71, 0.5)),
      makeRun(3, { rank: 4 }, metrics(0.55, 0.75, 0.55)),
      makeRun(4, { rank: 8 }, null, { status: 'failed' })
    ];
    expect(sweepGroups(runs)[0]?.points.map((p) => [p.runId, p.rank])).toEqual([
      [9, 2],
      [3, 4]
    ]);
  });
});
