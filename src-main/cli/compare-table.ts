import type { OodMetrics } from '@shared/domain/records';
import { formatSeconds } from './progress-bar';
import type { RunReport } from './run-report';
import { formatMetric } from './run-summary';
import { formatTable } from './text-table';

const OOD_ROWS: readonly [keyof OodMetrics, string][] = [
  ['auroc', 'OOD AUROC'],
  ['auprIn', 'OOD AUPR-In'],
  ['auprOut', 'OOD AUPR-Out'],
  ['fpr95', 'OOD FPR95'],
  ['scoreRatio', 'OOD score ratio']
];

/** A missing value: the run's method or task does not produce it. */
const NONE = '-';

/**
 * One column per run, one row per quantity, aligned: identity and cost first, then every scalar
 * test metric any of the runs has (in the order they first appear), OOD detection, conformal
 * coverage and the PAC-Bayes bound (METHOD.md sections 6 and 7).
 */
export function compareTable(reports: readonly RunReport[]): string[] {
  const testKeys = [...new Set(reports.flatMap((r) => Object.keys(r.metrics)))];
  const row = (label: string, cell: (r: RunReport) => string): string[] => [label, ...reports.map(cell)];
  const metric = (value: number | null | undefined): string =>
    value === undefined ? NONE : formatMetric(value);
  const rows: string[][] = [
    row('', (r) => `run ${r.runId}`),
    row('name', (r) => r.name),
    row('method', (r) => `${r.method} (${r.arch})`),
    row('params', (r) => String(r.params)),
    row('train time', (r) => formatSeconds(r.trainSeconds)),
    row('ms/step', (r) => (r.cost ? r.cost.msPerStep.toFixed(1) : NONE)),
    row('peak MB', (r) => (r.cost ? String(Math.round(r.cost.peakMemoryMB)) : NONE)),
    ...testKeys.map((key) => row(`test ${key}`, (r) => metric(r.metrics[key]))),
    ...(reports.some((r) => r.ood)
      ? OOD_ROWS.map(([key, label]) => row(label, (r) => metric(r.ood?.[key])))
      : []),
    row('conformal coverage', (r) => metric(r.conformal?.coverage)),
    row('PAC-Bayes bound', (r) => metric(r.pacBayes?.bound))
  ];
  return formatTable(rows);
}
