import { describe, expect, it } from 'vitest';
import { runReport } from '../../../src-main/cli/run-report';
import { formatConformal, formatPacBayes, runReportLines } from '../../../src-main/cli/run-summary';
import { ENSEMBLE_METRICS, SBNN_METRICS, runFixture } from './run-fixtures';

describe('the human summary of a run (train, show)', () => {
  it('prints the method, size, metrics, conformal coverage, bound, cost and notes', () => {
    expect(runReportLines(runReport(runFixture({ id: 1, metrics: SBNN_METRICS })))).toEqual([
      '  sbnn (mlp), 1000 parameters',
      '  test accuracy   0.8125',
      '  test nll        0.4100',
      '  test brier      0.1300',
      '  test ece        0.0520',
      '  test auroc      0.8750',
      '  ood  auroc      0.7000',
      '  ood  auprIn     0.6500',
      '  ood  auprOut    0.6000',
      '  ood  fpr95      0.8000',
      '  ood  scoreRatio 1.5000',
      '  conformal 90% sets: coverage 0.950 on test, mean set size 1.25 (calibrated on 20 records)',
      '  PAC-Bayes bound 0.41 (KL 1234 nats, n 2065, delta 0.05, loss: 0-1)',
      '  cost 12.3 ms/step, peak 512 MB, prediction 3.1 s (100 samples)',
      '  note: 3 rows without a target were left out.'
    ]);
  });

  it('leaves out what a run without a posterior or conformal step does not have', () => {
    const lines = runReportLines(
      runReport(runFixture({ id: 2, method: 'ensemble', params: 5000, metrics: ENSEMBLE_METRICS }))
    );
    expect(lines[0]).toBe('  ensemble (mlp), 5000 parameters');
    expect(lines).toContain('  test auroc        n/a');
    expect(lines.some((l) => l.includes('PAC-Bayes') || l.includes('conformal'))).toBe(false);
    expect(lines.at(-1)).toBe('  cost 40.0 ms/step, peak 900 MB, prediction 1.0 s (5 samples)');
  });

  it('describes regression intervals with their width in the target units', () => {
    expect(
      formatConformal({
        kind: 'interval',
        level: 0.95,
        quantile: 1.7,
        calibrationCount: 300,
        coverage: 0.9312,
        meanWidth: 12345.6
      })
    ).toBe('conformal 95% intervals: coverage 0.931 on test, mean width 12350 (calibrated on 300 records)');
  });

  it('states a vacuous bound as it is', () => {
    expect(
      formatPacBayes({
        kl: 98765.5,
        empiricalRisk: 0.3,
        n: 500,
        delta: 0.05,
        bound: 7.126,
        loss: 'absolute error / 2 std, clipped to [0, 1]',
        bayesianParams: 9000
      })
    ).toBe(
      'PAC-Bayes bound 7.13 (KL 98766 nats, n 500, delta 0.05, loss: absolute error / 2 std, clipped to [0, 1])'
    );
  });
});
