import type { RunDetail } from '@shared/domain/records';
import { bestIndices } from './best-value';
import type { Direction } from './best-value';

export type ValueFormat = 'number' | 'percent' | 'count' | 'duration' | 'ms' | 'mb' | 'seconds';

/** One row of the Compare table: a metric of every compared run, and which of them is best. */
export interface CompareRow {
  group: string;
  label: string;
  values: (number | null)[];
  format: ValueFormat;
  direction: Direction;
  /** Indices of the best runs (empty when fewer than two runs have a value). */
  best: number[];
}

interface RowSpec {
  group: string;
  label: string;
  format: ValueFormat;
  direction: Direction;
  value: (run: RunDetail) => number | null | undefined;
  /** For 'nominal' rows: the level each run aimed at. */
  target?: (run: RunDetail) => number | null;
}

const classification = (run: RunDetail) => {
  const test = run.metrics?.test;
  return test && 'accuracy' in test ? test : null;
};
const regression = (run: RunDetail) => {
  const test = run.metrics?.test;
  return test && 'mae' in test ? test : null;
};

/** Every metric the Compare table shows, with its direction (METHOD.md sections 6 and 7). */
const SPECS: readonly RowSpec[] = [
  {
    group: 'Test',
    label: 'Accuracy',
    format: 'percent',
    direction: 'higher',
    value: (r) => classification(r)?.accuracy
  },
  {
    group: 'Test',
    label: 'AUROC',
    format: 'number',
    direction: 'higher',
    value: (r) => classification(r)?.auroc
  },
  { group: 'Test', label: 'MAE', format: 'number', direction: 'lower', value: (r) => regression(r)?.mae },
  { group: 'Test', label: 'RMSE', format: 'number', direction: 'lower', value: (r) => regression(r)?.rmse },
  { group: 'Test', label: 'R²', format: 'number', direction: 'higher', value: (r) => regression(r)?.r2 },
  { group: 'Test', label: 'NLL', format: 'number', direction: 'lower', value: (r) => r.metrics?.test.nll },
  {
    group: 'Test',
    label: 'Brier score',
    format: 'number',
    direction: 'lower',
    value: (r) => classification(r)?.brier
  },
  {
    group: 'Test',
    label: 'ECE (equal width)',
    format: 'number',
    direction: 'lower',
    value: (r) => classification(r)?.ece
  },
  {
    group: 'Test',
    label: 'ECE (equal mass)',
    format: 'number',
    direction: 'lower',
    value: (r) => classification(r)?.eceEqualMass
  },
  { group: 'Test', label: 'CRPS', format: 'number', direction: 'lower', value: (r) => regression(r)?.crps },
  {
    group: 'Test',
    label: 'Interval coverage (PICP)',
    format: 'percent',
    direction: 'nominal',
    value: (r) => regression(r)?.picp,
    target: (r) => r.config.intervalLevel
  },
  {
    group: 'Test',
    label: 'Mean interval width',
    format: 'number',
    direction: 'lower',
    value: (r) => regression(r)?.mpiw
  },
  {
    group: 'Test',
    label: 'Interval score',
    format: 'number',
    direction: 'lower',
    value: (r) => regression(r)?.intervalScore
  },
  {
    group: 'Uncertainty',
    label: 'AUPR, errors',
    format: 'number',
    direction: 'higher',
    value: (r) => classification(r)?.auprErr
  },
  {
    group: 'Uncertainty',
    label: 'AUPR, successes',
    format: 'number',
    direction: 'higher',
    value: (r) => classification(r)?.auprSucc
  },
  {
    group: 'Uncertainty',
    label: 'Area under risk-coverage',
    format: 'number',
    direction: 'lower',
    value: (r) => classification(r)?.aurc ?? regression(r)?.aurc
  },
  {
    group: 'OOD',
    label: 'AUROC',
    format: 'number',
    direction: 'higher',
    value: (r) => r.metrics?.ood?.auroc
  },
  {
    group: 'OOD',
    label: 'AUPR in',
    format: 'number',
    direction: 'higher',
    value: (r) => r.metrics?.ood?.auprIn
  },
  {
    group: 'OOD',
    label: 'AUPR out',
    format: 'number',
    direction: 'higher',
    value: (r) => r.metrics?.ood?.auprOut
  },
  {
    group: 'OOD',
    label: 'FPR at 95% TPR',
    format: 'percent',
    direction: 'lower',
    value: (r) => r.metrics?.ood?.fpr95
  },
  {
    group: 'OOD',
    label: 'Score ratio (OOD / test)',
    format: 'number',
    direction: 'higher',
    value: (r) => r.metrics?.ood?.scoreRatio
  },
  {
    group: 'Conformal',
    label: 'Coverage',
    format: 'percent',
    direction: 'nominal',
    value: (r) => r.metrics?.conformal?.coverage,
    target: (r) => r.metrics?.conformal?.level ?? null
  },
  {
    group: 'Conformal',
    label: 'Mean interval width',
    format: 'number',
    direction: 'lower',
    value: (r) => r.metrics?.conformal?.meanWidth
  },
  {
    group: 'Conformal',
    label: 'Mean set size',
    format: 'number',
    direction: 'lower',
    value: (r) => r.metrics?.conformal?.meanSetSize
  },
  {
    group: 'PAC-Bayes',
    label: 'Bound',
    format: 'number',
    direction: 'lower',
    value: (r) => r.metrics?.pacBayes?.bound
  },
  {
    group: 'PAC-Bayes',
    label: 'KL(Q‖P), nats',
    format: 'number',
    direction: 'lower',
    value: (r) => r.metrics?.pacBayes?.kl
  },
  {
    group: 'PAC-Bayes',
    label: 'Empirical risk',
    format: 'number',
    direction: 'lower',
    value: (r) => r.metrics?.pacBayes?.empiricalRisk
  },
  { group: 'Cost', label: 'Parameters', format: 'count', direction: 'lower', value: (r) => r.params },
  {
    group: 'Cost',
    label: 'Training time',
    format: 'duration',
    direction: 'lower',
    value: (r) => r.trainSeconds
  },
  {
    group: 'Cost',
    label: 'Time per step',
    format: 'ms',
    direction: 'lower',
    value: (r) => r.metrics?.cost?.msPerStep
  },
  {
    group: 'Cost',
    label: 'Peak memory',
    format: 'mb',
    direction: 'lower',
    value: (r) => r.metrics?.cost?.peakMemoryMB
  },
  {
    group: 'Cost',
    label: 'Prediction time',
    format: 'seconds',
    direction: 'lower',
    value: (r) => r.metrics?.cost?.predictSeconds
  }
];

/** The Compare table: one row per metric that at least one run has, best values marked. */
export function compareRows(runs: readonly RunDetail[]): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const spec of SPECS) {
    const values = runs.map((run) => spec.value(run) ?? null);
    if (values.every((v) => v === null)) continue;
    const targets = spec.target ? runs.map(spec.target) : [];
    rows.push({
      group: spec.group,
      label: spec.label,
      values,
      format: spec.format,
      direction: spec.direction,
      best: bestIndices(values, spec.direction, targets)
    });
  }
  return rows;
}
