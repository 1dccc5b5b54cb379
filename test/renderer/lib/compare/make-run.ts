import { TrainConfigSchema } from '@shared/domain/config';
import type { TrainConfigInput } from '@shared/domain/config';
import type { RunDetail, RunMetrics } from '@shared/domain/records';

/** A finished run with the given id, config overrides and metrics, for the Compare logic's tests. */
export function makeRun(
  id: number,
  config: Partial<TrainConfigInput>,
  metrics: RunMetrics | null,
  extra: Partial<RunDetail> = {}
): RunDetail {
  const parsed = TrainConfigSchema.parse({ datasetId: 1, target: 'y', ...config });
  return {
    id,
    name: `run ${id}`,
    datasetId: parsed.datasetId,
    datasetName: 'Rotterdam',
    status: 'finished',
    task: 'binary',
    arch: parsed.arch,
    method: parsed.method,
    backend: 'cpu',
    params: null,
    createdAt: '2026-11-26T12:00:00.000Z',
    finishedAt: '2026-11-26T12:01:00.000Z',
    trainSeconds: null,
    error: null,
    metrics,
    config: parsed,
    seed: parsed.seed,
    dataHash: null,
    appVersion: '0.1.0',
    positiveClass: 'yes',
    classes: ['no', 'yes'],
    epochs: [],
    bestEpoch: null,
    checkpointEpoch: null,
    ...extra
  };
}

export const counts = { train: 100, validation: 20, test: 20, ood: 10 };
