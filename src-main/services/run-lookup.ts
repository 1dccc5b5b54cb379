import { AppError } from '@shared/contract/errors';
import type { RecordPrediction, RunDetail, Split } from '@shared/domain/records';
import type { StoredRun } from '../storage/runs-repository';
import type { Storage } from '../storage/storage';

/** Every stored record of a run is read at once for its curves and queues; far above any dataset the app imports. */
const ALL_RECORDS = 10_000_000;

/** A stored run; NOT_FOUND when there is none. */
export function requireRun(storage: Storage, runId: number): StoredRun {
  const run = storage.runs.get(runId);
  if (!run) throw new AppError('NOT_FOUND', `Run ${runId} does not exist; it may have been deleted.`);
  return run;
}

/** A finished run; NOT_FOUND or CONFLICT (naming what it is) otherwise. */
export function requireFinishedRun(storage: Storage, runId: number, purpose: string): StoredRun {
  const run = requireRun(storage, runId);
  if (run.status !== 'finished' || !run.metrics) {
    throw new AppError(
      'CONFLICT',
      `Run ${runId} (${run.name}) is ${run.status}; ${purpose} needs a finished run.`
    );
  }
  return run;
}

/** A finished run with its epochs (for its curves); as requireFinishedRun otherwise. */
export function requireFinishedRunWithEpochs(storage: Storage, runId: number, purpose: string): RunDetail {
  return { ...requireFinishedRun(storage, runId, purpose), epochs: storage.epochs.list(runId) };
}

/** Every stored record of a run in the given splits, most uncertain first. */
export function allRecords(storage: Storage, runId: number, splits: readonly Split[]): RecordPrediction[] {
  return storage.predictions.query({ runId, splits, sort: 'uncertainty', offset: 0, limit: ALL_RECORDS })
    .records;
}

/** A file name for something exported from a run: its name with anything but letters, digits, . and - replaced. */
export function runFileName(run: { id: number; name: string }, suffix: string): string {
  const safe = run.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || `run-${run.id}`;
  return `${safe}${suffix}`;
}
