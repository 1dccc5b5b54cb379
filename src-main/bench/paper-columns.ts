import type { RunReport } from '../cli/run-report';

/** Which way a number is better: larger, smaller, or nearer a nominal value (interval coverage). */
export type Better = 'higher' | 'lower' | { nearest: number };

/** One number the paper tables report per run, with how to print it and which way is better. */
export interface PaperColumn {
  key: string;
  /** Column heading. */
  label: string;
  /** What the number is, in a sentence ("the OOD AUROC", "the training time"). */
  name: string;
  /** Decimals printed. */
  digits: number;
  better: Better;
  value: (report: RunReport) => number | null;
}

const metric =
  (name: string) =>
  (report: RunReport): number | null =>
    report.metrics[name] ?? null;

const ood =
  (name: string) =>
  (report: RunReport): number | null =>
    report.ood?.[name] ?? null;

/** The nominal coverage of the regression intervals the runs report PICP for (config.intervalLevel). */
export const NOMINAL_COVERAGE = 0.95;

export const OOD_AUROC: PaperColumn = {
  key: 'oodAuroc',
  label: 'OOD AUROC',
  name: 'OOD AUROC',
  digits: 3,
  better: 'higher',
  value: ood('auroc')
};
export const PARAMS: PaperColumn = {
  key: 'params',
  label: 'params',
  name: 'parameter count',
  digits: 0,
  better: 'lower',
  value: (r) => r.params
};
export const TRAIN_SECONDS: PaperColumn = {
  key: 'trainSeconds',
  label: 'train (s)',
  name: 'training time',
  digits: 1,
  better: 'lower',
  value: (r) => r.trainSeconds
};
const AUPR_IN: PaperColumn = {
  key: 'auprIn',
  label: 'AUPR-In',
  name: 'OOD AUPR-In',
  digits: 3,
  better: 'higher',
  value: ood('auprIn')
};
const NLL: PaperColumn = {
  key: 'nll',
  label: 'NLL',
  name: 'test NLL',
  digits: 3,
  better: 'lower',
  value: metric('nll')
};

/** METHOD.md section 8's columns for a classification dataset: the task metrics, then OOD and cost. */
export const CLASSIFICATION_COLUMNS: readonly PaperColumn[] = [
  { key: 'auroc', label: 'AUROC', name: 'test AUROC', digits: 3, better: 'higher', value: metric('auroc') },
  {
    key: 'accuracy',
    label: 'accuracy',
    name: 'test accuracy',
    digits: 3,
    better: 'higher',
    value: metric('accuracy')
  },
  NLL,
  { key: 'ece', label: 'ECE', name: 'test ECE', digits: 3, better: 'lower', value: metric('ece') },
  OOD_AUROC,
  AUPR_IN,
  PARAMS,
  TRAIN_SECONDS
];

/** The same for a regression dataset: PICP (of the 95% interval), MAE and NLL. */
export const REGRESSION_COLUMNS: readonly PaperColumn[] = [
  {
    key: 'picp',
    label: 'PICP (95%)',
    name: 'interval coverage (PICP)',
    digits: 3,
    better: { nearest: NOMINAL_COVERAGE },
    value: metric('picp')
  },
  { key: 'mae', label: 'MAE', name: 'test MAE', digits: 3, better: 'lower', value: metric('mae') },
  NLL,
  OOD_AUROC,
  AUPR_IN,
  PARAMS,
  TRAIN_SECONDS
];

export function columnsFor(task: string | null): readonly PaperColumn[] {
  return task === 'regression' ? REGRESSION_COLUMNS : CLASSIFICATION_COLUMNS;
}

/** The rank sweep's columns (METHOD.md section 7: the bound against r). */
export const SWEEP_COLUMNS: readonly PaperColumn[] = [
  PARAMS,
  {
    key: 'bound',
    label: 'PAC-Bayes bound',
    name: 'PAC-Bayes bound',
    digits: 3,
    better: 'lower',
    value: (r) => r.pacBayes?.bound ?? null
  },
  {
    key: 'kl',
    label: 'KL (nats)',
    name: 'KL',
    digits: 0,
    better: 'lower',
    value: (r) => r.pacBayes?.kl ?? null
  },
  OOD_AUROC,
  NLL
];

/** Whether `a` is better than `b` by the column's direction. */
export function isBetter(better: Better, a: number, b: number): boolean {
  if (better === 'higher') return a > b;
  if (better === 'lower') return a < b;
  return Math.abs(a - better.nearest) < Math.abs(b - better.nearest);
}
