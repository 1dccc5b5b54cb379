import type { RunReport } from './run-report';
import { formatMetric } from './run-summary';
import { formatTable } from './text-table';

export interface SweepRun {
  rank: number;
  report: RunReport;
}

/** The sweep's headline test metric: accuracy for classification, RMSE for regression. */
export function sweepMetricKey(task: string | null): 'accuracy' | 'rmse' {
  return task === 'regression' ? 'rmse' : 'accuracy';
}

/**
 * One row per rank: the size of the model, the PAC-Bayes bound and its KL (METHOD.md section 7:
 * the bound against r), OOD AUROC, test NLL and the headline test metric. A value the run does not
 * have (no OOD set, a failed run) is "-".
 */
export function sweepTable(runs: readonly SweepRun[]): string[] {
  const key = sweepMetricKey(runs.find((r) => r.report.task !== null)?.report.task ?? null);
  const value = (v: number | null | undefined): string => (v === undefined ? '-' : formatMetric(v));
  const rows = [
    ['r', 'params', 'PAC-Bayes bound', 'KL (nats)', 'OOD AUROC', 'NLL', key],
    ...runs.map(({ rank, report }) => [
      String(rank),
      report.status === 'finished' ? String(report.params) : report.status,
      value(report.pacBayes?.bound),
      report.pacBayes ? String(Math.round(report.pacBayes.kl)) : '-',
      value(report.ood?.auroc),
      value(report.metrics.nll),
      value(report.metrics[key])
    ])
  ];
  return formatTable(rows, 'right');
}
