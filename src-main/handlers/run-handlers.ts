import { AppError } from '@shared/contract/errors';
import type { Handlers } from '../core/dispatch';
import type { RunService } from '../services/run-service';
import type { Storage } from '../storage/storage';

export function runHandlers(
  storage: Storage,
  runs: RunService
): Pick<Handlers, 'runs:start' | 'runs:cancel' | 'runs:list' | 'runs:get' | 'runs:delete' | 'records:list'> {
  const requireRun = (runId: number) => {
    const run = storage.runs.get(runId);
    if (!run) throw new AppError('NOT_FOUND', `Run ${runId} does not exist; it may have been deleted.`);
    return run;
  };
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
    'records:list': (query) => {
      requireRun(query.runId);
      return storage.predictions.query(query);
    }
  };
}
