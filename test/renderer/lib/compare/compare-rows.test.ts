import { describe, expect, it } from 'vitest';
import { compareRows } from '../../../../src-renderer/lib/compare/compare-rows';
import { counts, makeRun } from './make-run';
import type { ConformalSummary } from '@shared/domain/records';

/** 90% conformal prediction sets with the given empirical coverage and mean size. */
const conformalSets = (coverage: number, meanSetSize: number): ConformalSummary => ({
  kind: 'set',
  level: 0.9,
  quantile: 0.6,
  calibrationCount: 20,
  coverage,
  meanSetSize
});

describe('compareRows', () => {
  const low = makeRun(
    1,
    { method: 'sbnn' },
    {
      test: { accuracy: 0.71, nll: 0.56, brier: 0.19, ece: 0.04, auroc: 0.74 },
      ood: { auroc: 0.81, auprIn: 0.86, auprOut: 0.7, fpr95: 0.52 },
      oodThreshold: 0.5,
      counts,
      conformal: conformalSets(0.93, 1.2),
      pacBayes: {
        kl: 120,
        empiricalRisk: 0.3,
        n: 100,
        delta: 0.05,
        bound: 0.62,
        loss: '0-1 loss',
        bayesianParams: 600
      }
    },
    { params: 642, trainSeconds: 20 }
  );
  const full = makeRun(
    2,
    { method: 'bbb' },
    {
      test: { accuracy: 0.73, nll: 0.52, brier: 0.2, ece: 0.04, auroc: 0.72 },
      ood: { auroc: 0.77, auprIn: 0.8, auprOut: 0.72, fpr95: 0.6 },
      oodThreshold: 0.5,
      counts,
      conformal: conformalSets(0.86, 1.1),
      pacBayes: null
    },
    { params: 578, trainSeconds: 35 }
  );
  const rows = compareRows([low, full]);
  const row = (group: string, label: string) => rows.find((r) => r.group === group && r.label === label);

  it('marks the higher accuracy and OOD AUROC, the lower NLL and parameters', () => {
    expect(row('Test', 'Accuracy')?.best).toEqual([1]);
    expect(row('Test', 'AUROC')?.best).toEqual([0]);
    expect(row('Test', 'NLL')?.best).toEqual([1]);
    expect(row('OOD', 'AUROC')?.best).toEqual([0]);
    expect(row('OOD', 'FPR at 95% TPR')?.best).toEqual([0]);
    expect(row('Cost', 'Parameters')?.values).toEqual([642, 578]);
    expect(row('Cost', 'Parameters')?.best).toEqual([1]);
    expect(row('Cost', 'Training time')?.best).toEqual([0]);
  });

  it('marks equal values as a tie', () => {
    expect(row('Test', 'ECE (equal width)')?.best).toEqual([0, 1]);
  });

  it('marks the conformal coverage nearest to the 90% level', () => {
    // |0.93 - 0.9| = 0.03 < |0.86 - 0.9| = 0.04.
    expect(row('Conformal', 'Coverage')?.best).toEqual([0]);
  });

  it('keeps a row that one run lacks, without a best value, and drops rows no run has', () => {
    expect(row('PAC-Bayes', 'Bound')?.values).toEqual([0.62, null]);
    expect(row('PAC-Bayes', 'Bound')?.best).toEqual([]);
    expect(row('Test', 'MAE')).toBeUndefined();
    expect(row('Cost', 'Peak memory')).toBeUndefined();
  });
});
