import { describe, expect, it } from 'vitest';
import { scoredMetricRows } from '../../../../src-renderer/lib/results/scored-metrics';

describe('scoredMetricRows', () => {
  it('classification: accuracy as a percentage, then AUROC, NLL and Brier score', () => {
    expect(
      scoredMetricRows({ accuracy: 0.675, nll: 0.6123, brier: 0.2141, ece: 0.06, auroc: 0.7019 })
    ).toEqual([
      { label: 'Accuracy', value: '67.5%' },
      { label: 'AUROC', value: '0.702' },
      { label: 'NLL', value: '0.612' },
      { label: 'Brier score', value: '0.214' }
    ]);
  });

  it('classification without an AUROC (one class in the file) shows a dash', () => {
    expect(scoredMetricRows({ accuracy: 1, nll: 0.1, brier: 0.01, ece: 0, auroc: null })[1]).toEqual({
      label: 'AUROC',
      value: '—'
    });
  });

  it('regression: MAE, RMSE, NLL and interval coverage', () => {
    expect(scoredMetricRows({ mae: 2.346, rmse: 3.1, nll: 2.71, picp: 0.912, mpiw: 9 })).toEqual([
      { label: 'MAE', value: '2.35' },
      { label: 'RMSE', value: '3.1' },
      { label: 'NLL', value: '2.71' },
      { label: 'Interval coverage', value: '91.2%' }
    ]);
  });
});
