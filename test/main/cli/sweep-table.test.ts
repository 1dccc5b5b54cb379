import { describe, expect, it } from 'vitest';
import { runReport } from '../../../src-main/cli/run-report';
import { sweepMetricKey, sweepTable } from '../../../src-main/cli/sweep-table';
import { PAC_BAYES, SBNN_METRICS, runFixture } from './run-fixtures';

describe('the sweep table', () => {
  it('has one right-aligned row per rank, the status of a failed run and "-" for what it lacks', () => {
    const metrics = {
      ...SBNN_METRICS,
      test: { accuracy: 0.8, nll: 0.45, brier: 0.1, ece: 0.05, auroc: 0.9 },
      ood: { auroc: 0.65, auprIn: 0.6, auprOut: 0.55, fpr95: 0.7 },
      pacBayes: { ...PAC_BAYES, kl: 300.4, bound: 0.6 }
    };
    const finished = runReport(runFixture({ id: 5, params: 500, metrics }));
    const failed = runReport(
      runFixture({ id: 6, status: 'failed', params: null, metrics: null, task: null })
    );
    expect(
      sweepTable([
        { rank: 2, report: finished },
        { rank: 8, report: failed }
      ])
    ).toEqual([
      'r  params  PAC-Bayes bound  KL (nats)  OOD AUROC     NLL  accuracy',
      '2     500           0.6000        300     0.6500  0.4500    0.8000',
      '8  failed                -          -          -       -         -'
    ]);
  });

  it('reports accuracy for classification and RMSE for regression', () => {
    expect(sweepMetricKey('binary')).toBe('accuracy');
    expect(sweepMetricKey('multiclass')).toBe('accuracy');
    expect(sweepMetricKey('regression')).toBe('rmse');
    const regression = runReport(
      runFixture({
        id: 1,
        task: 'regression',
        metrics: {
          ...SBNN_METRICS,
          test: { mae: 1.5, rmse: 2.25, nll: 1.75, picp: 0.95, mpiw: 8 },
          ood: null,
          pacBayes: null
        }
      })
    );
    expect(sweepTable([{ rank: 16, report: regression }])).toEqual([
      ' r  params  PAC-Bayes bound  KL (nats)  OOD AUROC     NLL    rmse',
      '16    1000                -          -          -  1.7500  2.2500'
    ]);
  });
});
