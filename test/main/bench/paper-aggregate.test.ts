import { describe, expect, it } from 'vitest';
import { runReport } from '../../../src-main/cli/run-report';
import { aggregateColumns, spread } from '../../../src-main/bench/paper-aggregate';
import { CLASSIFICATION_COLUMNS } from '../../../src-main/bench/paper-columns';
import { SBNN_METRICS, runFixture } from '../cli/run-fixtures';

describe('mean ± sd over seeds', () => {
  it('is the mean and the sample standard deviation (n - 1)', () => {
    // 1, 2, 3, 4: mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; 5 / 3 -> sd 1.29099...
    const s = spread([1, 2, 3, 4]);
    expect(s?.mean).toBe(2.5);
    expect(s?.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(s?.n).toBe(4);
  });

  it('has sd 0 for one seed, and leaves out what a run did not report', () => {
    expect(spread([0.7])).toEqual({ mean: 0.7, sd: 0, n: 1 });
    // 0.5 and 0.9 remain: mean 0.7, sd sqrt(0.08) = 0.28284...
    const s = spread([0.5, null, Number.NaN, 0.9]);
    expect(s?.n).toBe(2);
    expect(s?.mean).toBeCloseTo(0.7, 12);
    expect(s?.sd).toBeCloseTo(0.282842712474619, 12);
    expect(spread([null, null])).toBeNull();
  });

  it('aggregates every column over the finished runs only', () => {
    const run = (id: number, accuracy: number, oodAuroc: number, trainSeconds: number) =>
      runReport(
        runFixture({
          id,
          trainSeconds,
          params: 1000,
          metrics: {
            ...SBNN_METRICS,
            test: { ...SBNN_METRICS.test, accuracy },
            ood: SBNN_METRICS.ood && { ...SBNN_METRICS.ood, auroc: oodAuroc }
          }
        })
      );
    const failed = runReport(runFixture({ id: 9, status: 'failed', params: null, metrics: null }));
    const cells = aggregateColumns(
      [run(1, 0.8, 0.6, 10), run(2, 0.9, 0.7, 20), failed],
      CLASSIFICATION_COLUMNS
    );
    expect(cells.accuracy?.mean).toBeCloseTo(0.85, 12);
    expect(cells.accuracy?.sd).toBeCloseTo(Math.sqrt(0.005), 12);
    expect(cells.oodAuroc?.mean).toBeCloseTo(0.65, 12);
    expect(cells.trainSeconds).toMatchObject({ mean: 15, n: 2 });
    expect(cells.trainSeconds?.sd).toBeCloseTo(Math.sqrt(50), 12);
    expect(cells.params).toEqual({ mean: 1000, sd: 0, n: 2 });
    // The fixture's test AUROC is 0.875 in both runs.
    expect(cells.auroc).toEqual({ mean: 0.875, sd: 0, n: 2 });
  });
});
