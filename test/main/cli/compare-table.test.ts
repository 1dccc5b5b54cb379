import { describe, expect, it } from 'vitest';
import { compareTable } from '../../../src-main/cli/compare-table';
import { runReport } from '../../../src-main/cli/run-report';
import { ENSEMBLE_METRICS, SBNN_METRICS, runFixture } from './run-fixtures';

describe('compare', () => {
  it('puts one column per run and one aligned row per quantity, "-" where a run has none', () => {
    const sbnn = runFixture({ id: 1, name: 'small', metrics: SBNN_METRICS });
    const ensemble = runFixture({
      id: 2,
      name: 'five nets',
      method: 'ensemble',
      params: 5000,
      trainSeconds: 90,
      metrics: ENSEMBLE_METRICS
    });
    expect(compareTable([sbnn, ensemble].map(runReport))).toEqual([
      '                    run 1       run 2',
      'name                small       five nets',
      'method              sbnn (mlp)  ensemble (mlp)',
      'params              1000        5000',
      'train time          42 s        1 min 30 s',
      'ms/step             12.3        40.0',
      'peak MB             512         900',
      'test accuracy       0.8125      0.7500',
      'test nll            0.4100      0.5000',
      'test brier          0.1300      0.2000',
      'test ece            0.0520      0.1000',
      'test auroc          0.8750      n/a',
      'test eceEqualMass   -           0.0900',
      'OOD AUROC           0.7000      0.5500',
      'OOD AUPR-In         0.6500      0.5000',
      'OOD AUPR-Out        0.6000      0.4500',
      'OOD FPR95           0.8000      0.9000',
      'OOD score ratio     1.5000      -',
      'conformal coverage  0.9500      -',
      'PAC-Bayes bound     0.4123      -'
    ]);
  });

  it('leaves out the OOD rows when no run has an OOD set', () => {
    const lines = compareTable(
      [runFixture({ id: 3, metrics: { ...SBNN_METRICS, ood: null } })].map(runReport)
    );
    expect(lines.some((l) => l.startsWith('OOD'))).toBe(false);
    expect(lines.at(-1)).toBe('PAC-Bayes bound     0.4123');
  });
});
