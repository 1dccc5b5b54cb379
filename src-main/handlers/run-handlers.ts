import { AppError } from '@shared/contract/errors';
import type { Handlers } from '../core/dispatch';
import type { RunService } from '../services/run-service';
import type { Storage } from '../storage/storage';
import { exportPortableModel, importPortableModel } from '../services/model-transfer';
import { requireRun as requireStoredRun } from '../services/run-lookup';

export function runHandlers(
  storage: Storage,
  runs: RunService
): Pick<
  Handlers,
  | 'runs:start'
  | 'runs:cancel'
  | 'runs:list'
  | 'runs:get'
  | 'runs:delete'
  | 'runs:resume'
  | 'records:list'
  | 'runs:score'
  | 'runs:export-model'
  | 'runs:import-model'
> {
  const requireRun = (runId: number) => requireStoredRun(storage, runId);
  return {
    'runs:start': (config) => ({ runId: runs.start(config) }),
    'runs:cancel': ({ runId }) => {
      requireRun(runId);
      return { cancelled: runs.cancel(runId) };
    },
    'runs:list': () => storage.runs.list(),
    'runs:get': ({ runId }) => ({ ...requireRun(runId), epochs: storage.epochs.list(runId) }),
    'runs:delete': ({ runId }) => {
      requireRun(runId);
      if (runs.isActive(runId)) {
        throw new AppError('CONFLICT', `Run ${runId} is still training; cancel it before deleting it.`);
      }
      storage.runs.delete(runId);
      return { deleted: true };
    },
    'runs:resume': ({ runId }) => runs.resume(runId),
    'runs:score': ({ runId, datasetId }) => runs.score(runId, datasetId),
    'runs:export-model': ({ runId }) => exportPortableModel(storage, runId),
    'runs:import-model': ({ fileName, content }) => ({
      runId: importPortableModel(storage, fileName, content)
    }),
    'records:list': (query) => {
      requireRun(query.runId);
      return storage.predictions.query(query);
    }
  };
}
