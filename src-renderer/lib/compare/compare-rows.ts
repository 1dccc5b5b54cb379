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

type MetricSpec = Omit<RowSpec, 'group'>;

const metric = (
  label: string,
  format: ValueFormat,
  direction: Direction,
  value: MetricSpec['value'],
  target?: MetricSpec['target']
): MetricSpec => ({ label, format, direction, value, target });

const inGroup = (group: string, metrics: readonly MetricSpec[]): RowSpec[] =>
  metrics.map((spec) => ({ group, ...spec }));

/** Every metric the Compare table shows, with its direction (METHOD.md sections 6 and 7). */
const SPECS: readonly RowSpec[] = [
  ...inGroup('Test', [
    metric('Accuracy', 'percent', 'higher', (r) => classification(r)?.accuracy),
    metric('AUROC', 'number', 'higher', (r) => classification(r)?.auroc),
    metric('MAE', 'number', 'lower', (r) => regression(r)?.mae),
    metric('RMSE', 'number', 'lower', (r) => regression(r)?.rmse),
    metric('R²', 'number', 'higher', (r) => regression(r)?.r2),
    metric('NLL', 'number', 'lower', (r) => r.metrics?.test.nll),
    metric('Brier score', 'number', 'lower', (r) => classification(r)?.brier),
    metric('ECE (equal width)', 'number', 'lower', (r) => classification(r)?.ece),
    metric('ECE (equal mass)', 'number', 'lower', (r) => classification(r)?.eceEqualMass),
    metric('CRPS', 'number', 'lower', (r) => regression(r)?.crps),
    metric(
      'Interval coverage (PICP)',
      'percent',
      'nominal',
      (r) => regression(r)?.picp,
      (r) => r.config.intervalLevel
    ),
    metric('Mean interval width', 'number', 'lower', (r) => regression(r)?.mpiw),
    metric('Interval score', 'number', 'lower', (r) => regression(r)?.intervalScore)
  ]),
  ...inGroup('Uncertainty', [
    metric('AUPR, errors', 'number', 'higher', (r) => classification(r)?.auprErr),
    metric('AUPR, successes', 'number', 'higher', (r) => classification(r)?.auprSucc),
    metric(
      'Area under risk-coverage',
      'number',
      'lower',
      (r) => classification(r)?.aurc ?? regression(r)?.aurc
    )
  ]),
  ...inGroup('OOD', [
    metric('AUROC', 'number', 'higher', (r) => r.metrics?.ood?.auroc),
    metric('AUPR in', 'number', 'higher', (r) => r.metrics?.ood?.auprIn),
    metric('AUPR out', 'number', 'higher', (r) => r.metrics?.ood?.auprOut),
    metric('FPR at 95% TPR', 'percent', 'lower', (r) => r.metrics?.ood?.fpr95),
    metric('Score ratio (OOD / test)', 'number', 'higher', (r) => r.metrics?.ood?.scoreRatio)
  ]),
  ...inGroup('Conformal', [
    metric(
      'Coverage',
      'percent',
      'nominal',
      (r) => r.metrics?.conformal?.coverage,
      (r) => r.metrics?.conformal?.level ?? null
    ),
    metric('Mean interval width', 'number', 'lower', (r) => r.metrics?.conformal?.meanWidth),
    metric('Mean set size', 'number', 'lower', (r) => r.metrics?.conformal?.meanSetSize)
  ]),
  ...inGroup('PAC-Bayes', [
    metric('Bound', 'number', 'lower', (r) => r.metrics?.pacBayes?.bound),
    metric('KL(Q‖P), nats', 'number', 'lower', (r) => r.metrics?.pacBayes?.kl),
    metric('Empirical risk', 'number', 'lower', (r) => r.metrics?.pacBayes?.empiricalRisk)
  ]),
  ...inGroup('Cost', [
    metric('Parameters', 'count', 'lower', (r) => r.params),
    metric('Training time', 'duration', 'lower', (r) => r.trainSeconds),
    metric('Time per step', 'ms', 'lower', (r) => r.metrics?.cost?.msPerStep),
    metric('Peak memory', 'mb', 'lower', (r) => r.metrics?.cost?.peakMemoryMB),
    metric('Prediction time', 'seconds', 'lower', (r) => r.metrics?.cost?.predictSeconds)
  ])
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
