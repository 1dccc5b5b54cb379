import { TrainConfigSchema } from '@shared/domain/config';
import type { PacBayes, RunDetail, RunMetrics } from '@shared/domain/records';

/** A stored run as the database returns it, with hand-chosen numbers for the formatting tests. */
export function runFixture(overrides: Partial<RunDetail> & Pick<RunDetail, 'id'>): RunDetail {
  return {
    name: `run ${overrides.id}`,
    datasetId: 1,
    datasetName: 'rotterdam.csv',
    status: 'finished',
    task: 'binary',
    arch: 'mlp',
    method: 'sbnn',
    backend: 'WebAssembly',
    params: 1000,
    createdAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    trainSeconds: 42,
    error: null,
    metrics: null,
    config: TrainConfigSchema.parse({ datasetId: 1, target: 'y' }),
    seed: 1,
    dataHash: 'abc',
    appVersion: '0.1.0',
    positiveClass: 'yes',
    classes: ['no', 'yes'],
    epochs: [],
    bestEpoch: 3,
    checkpointEpoch: null,
    ...overrides
  };
}

export const PAC_BAYES: PacBayes = {
  kl: 1234.4,
  empiricalRisk: 0.2,
  n: 2065,
  delta: 0.05,
  bound: 0.4123,
  loss: '0-1',
  bayesianParams: 800
};

/** Metrics of a low-rank classification run: every optional part present. */
export const SBNN_METRICS: RunMetrics = {
  test: { accuracy: 0.8125, nll: 0.41, brier: 0.13, ece: 0.052, auroc: 0.875 },
  ood: { auroc: 0.7, auprIn: 0.65, auprOut: 0.6, fpr95: 0.8, scoreRatio: 1.5 },
  oodThreshold: 0.2,
  counts: { train: 100, validation: 20, test: 20, ood: 30 },
  notes: ['3 rows without a target were left out.'],
  conformal: {
    kind: 'set',
    level: 0.9,
    quantile: 0.7,
    calibrationCount: 20,
    coverage: 0.95,
    meanSetSize: 1.25
  },
  pacBayes: PAC_BAYES,
  spectrum: [
    { layer: 'dense0', rows: 4, cols: 3, rank: 2, singularValues: [3, 2, 1], energy: [9 / 14, 13 / 14, 1] },
    { layer: 'dense1', rows: 3, cols: 1, rank: 2, singularValues: [5], energy: [1] }
  ],
  cost: { msPerStep: 12.34, peakMemoryMB: 511.6, predictSeconds: 3.14, samples: 100 }
};

/** Metrics of a deterministic-ensemble run: no posterior (no bound), no conformal, another metric. */
export const ENSEMBLE_METRICS: RunMetrics = {
  test: { accuracy: 0.75, nll: 0.5, brier: 0.2, ece: 0.1, auroc: null, eceEqualMass: 0.09 },
  ood: { auroc: 0.55, auprIn: 0.5, auprOut: 0.45, fpr95: 0.9 },
  oodThreshold: 0.1,
  counts: { train: 100, validation: 20, test: 20, ood: 30 },
  cost: { msPerStep: 40, peakMemoryMB: 900.4, predictSeconds: 1, samples: 5 }
};
