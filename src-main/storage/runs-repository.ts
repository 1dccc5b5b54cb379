import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '@shared/contract/errors';
import type { Task, TrainConfig } from '@shared/domain/config';
import { RESUMABLE_STATUSES } from '@shared/domain/records';
import type { RunDetail, RunMetrics, RunStatus, RunSummary } from '@shared/domain/records';
import { datasetNotFound, runNotFound } from './sqlite-errors';
import {
  isoTimestamp,
  jsonFromSql,
  nullableJsonFromSql,
  nullableJsonToSql,
  systemClock,
  type Clock
} from './sql-values';

export interface NewRun {
  name: string;
  config: TrainConfig;
  datasetId: number;
  oodDatasetId?: number | null;
  arch: string;
  method: string;
  seed: number;
  appVersion: string;
}

export interface RunStart {
  backend: string;
  /** SHA-256 of the prepared data the run trained on. */
  dataHash: string;
  /** ISO-8601 UTC. */
  startedAt: string;
}

export interface RunOutcome {
  task: Task;
  params: number;
  positiveClass: string | null;
  classes: string[] | null;
  metrics: RunMetrics;
  bestEpoch: number | null;
  trainSeconds: number;
  /** ISO-8601 UTC. */
  finishedAt: string;
}

/** A run as stored; its epochs come from EpochsRepository. */
export type StoredRun = Omit<RunDetail, 'epochs'>;

/** How a run can end without finishing. */
export type EndedEarly = 'failed' | 'cancelled' | 'interrupted';

/** Error texts of runs found unfinished at start-up (markInterrupted). */
export const INTERRUPTED_WHILE_RUNNING =
  'SBNN Studio stopped while this run was training (it was closed or crashed), so the run did not finish. ' +
  'Resume it to continue from its last checkpoint.';
/** Error text of a run whose compute process died under it (the reason follows in brackets). */
export const INTERRUPTED_BY_COMPUTE =
  'The compute process stopped while this run was training, so the run did not finish. ' +
  'Resume it to continue from its last checkpoint.';
export const INTERRUPTED_WHILE_QUEUED =
  'SBNN Studio stopped before this queued run started (it was closed or crashed). Start it again.';

interface InsertParams {
  name: string;
  datasetId: number;
  oodDatasetId: number | null;
  configJson: string;
  arch: string;
  method: string;
  seed: number;
  appVersion: string;
  createdAt: string;
}

interface FinishParams {
  id: number;
  task: Task;
  params: number;
  positiveClass: string | null;
  classesJson: string | null;
  metricsJson: string;
  bestEpoch: number | null;
  trainSeconds: number;
  finishedAt: string;
}

interface RunRow {
  id: number;
  name: string;
  dataset_id: number;
  dataset_name: string;
  status: RunStatus;
  task: Task | null;
  arch: string;
  method: string;
  backend: string | null;
  params: number | null;
  created_at: string;
  finished_at: string | null;
  train_seconds: number | null;
  error: string | null;
  metrics_json: string | null;
}

interface RunDetailRow extends RunRow {
  config_json: string;
  seed: number;
  data_hash: string | null;
  app_version: string;
  positive_class: string | null;
  classes_json: string | null;
  best_epoch: number | null;
  checkpoint_epoch: number | null;
}

const SUMMARY_SELECT = `
  SELECT r.id, r.name, r.dataset_id, d.name AS dataset_name, r.status, r.task, r.arch, r.method, r.backend,
         r.params, r.created_at, r.finished_at, r.train_seconds, r.error, r.metrics_json`;

function toSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    name: row.name,
    datasetId: row.dataset_id,
    datasetName: row.dataset_name,
    status: row.status,
    task: row.task,
    arch: row.arch,
    method: row.method,
    backend: row.backend,
    params: row.params,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    trainSeconds: row.train_seconds,
    error: row.error,
    metrics: nullableJsonFromSql<RunMetrics>(row.metrics_json)
  };
}

/** Which states a run may move from; anything else is a CONFLICT (e.g. finishing a cancelled run). */
type Transition = 'markRunning' | 'finish' | 'fail' | 'reopen';
const ALLOWED_FROM: Record<Transition, readonly RunStatus[]> = {
  markRunning: ['queued'],
  finish: ['running'],
  fail: ['queued', 'running'],
  reopen: RESUMABLE_STATUSES
};

export class RunsRepository {
  private readonly insertStmt: Statement<[InsertParams], { id: number }>;
  private readonly datasetExistsStmt: Statement<[number], { id: number }>;
  private readonly statusStmt: Statement<[number], { status: RunStatus }>;
  private readonly runningStmt: Statement<
    [{ id: number; backend: string; dataHash: string; startedAt: string }]
  >;
  private readonly finishStmt: Statement<[FinishParams]>;
  private readonly failStmt: Statement<
    [{ id: number; status: EndedEarly; error: string; finishedAt: string }]
  >;
  private readonly reopenStmt: Statement<[number]>;
  private readonly listStmt: Statement<[], RunRow>;
  private readonly getStmt: Statement<[number], RunDetailRow>;
  private readonly deleteStmt: Statement<[number]>;
  private readonly interruptStmt: Statement<[{ running: string; queued: string }]>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock = systemClock
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO runs (name, dataset_id, ood_dataset_id, status, config_json, arch, method, seed, app_version, created_at)
       VALUES (@name, @datasetId, @oodDatasetId, 'queued', @configJson, @arch, @method, @seed, @appVersion, @createdAt)
       RETURNING id`
    );
    this.datasetExistsStmt = db.prepare(`SELECT id FROM datasets WHERE id = ?`);
    this.statusStmt = db.prepare(`SELECT status FROM runs WHERE id = ?`);
    this.runningStmt = db.prepare(
      `UPDATE runs SET status = 'running', backend = @backend, data_hash = @dataHash, started_at = @startedAt
       WHERE id = @id AND status = 'queued'`
    );
    this.finishStmt = db.prepare(
      `UPDATE runs SET status = 'finished', task = @task, params = @params, positive_class = @positiveClass,
         classes_json = @classesJson, metrics_json = @metricsJson, best_epoch = @bestEpoch,
         train_seconds = @trainSeconds, finished_at = @finishedAt, error = NULL
       WHERE id = @id AND status = 'running'`
    );
    this.failStmt = db.prepare(
      `UPDATE runs SET status = @status, error = @error, finished_at = @finishedAt
       WHERE id = @id AND status IN ('queued', 'running')`
    );
    this.reopenStmt = db.prepare(
      `UPDATE runs SET status = 'queued', error = NULL, finished_at = NULL
       WHERE id = ? AND status IN ('interrupted', 'cancelled')`
    );
    this.listStmt = db.prepare(
      `${SUMMARY_SELECT} FROM runs r JOIN datasets d ON d.id = r.dataset_id ORDER BY r.created_at DESC, r.id DESC`
    );
    this.getStmt = db.prepare(
      `${SUMMARY_SELECT}, r.config_json, r.seed, r.data_hash, r.app_version, r.positive_class, r.classes_json,
         r.best_epoch, (SELECT c.epoch FROM checkpoints c WHERE c.run_id = r.id) AS checkpoint_epoch
       FROM runs r JOIN datasets d ON d.id = r.dataset_id WHERE r.id = ?`
    );
    this.deleteStmt = db.prepare(`DELETE FROM runs WHERE id = ?`);
    this.interruptStmt = db.prepare(
      `UPDATE runs SET status = 'interrupted',
         error = CASE status WHEN 'running' THEN @running ELSE @queued END
       WHERE status IN ('running', 'queued')`
    );
  }

  /** Records a new run as 'queued'; returns its id. */
  create(run: NewRun): number {
    const oodDatasetId = run.oodDatasetId ?? null;
    for (const datasetId of oodDatasetId === null ? [run.datasetId] : [run.datasetId, oodDatasetId]) {
      if (!this.datasetExistsStmt.get(datasetId)) throw datasetNotFound(datasetId);
    }
    const row = this.insertStmt.get({
      name: run.name,
      datasetId: run.datasetId,
      oodDatasetId,
      configJson: JSON.stringify(run.config),
      arch: run.arch,
      method: run.method,
      seed: run.seed,
      appVersion: run.appVersion,
      createdAt: isoTimestamp(this.clock)
    });
    if (!row) throw new Error('INSERT ... RETURNING returned no row');
    return row.id;
  }

  markRunning(id: number, start: RunStart): void {
    const { changes } = this.runningStmt.run({ id, ...start });
    if (changes === 0) throw this.transitionError(id, 'markRunning');
  }

  finish(id: number, outcome: RunOutcome): void {
    const { changes } = this.finishStmt.run({
      id,
      task: outcome.task,
      params: outcome.params,
      positiveClass: outcome.positiveClass,
      classesJson: nullableJsonToSql(outcome.classes),
      metricsJson: JSON.stringify(outcome.metrics),
      bestEpoch: outcome.bestEpoch,
      trainSeconds: outcome.trainSeconds,
      finishedAt: outcome.finishedAt
    });
    if (changes === 0) throw this.transitionError(id, 'finish');
  }

  /**
   * Ends a queued or running run as failed, cancelled or interrupted (its compute process died),
   * with the reason shown to the user.
   */
  fail(id: number, status: EndedEarly, error: string): void {
    const { changes } = this.failStmt.run({ id, status, error, finishedAt: isoTimestamp(this.clock) });
    if (changes === 0) throw this.transitionError(id, 'fail');
  }

  /** Queues an interrupted or cancelled run again, to resume it; CONFLICT from any other state. */
  reopen(id: number): void {
    if (this.reopenStmt.run(id).changes === 0) throw this.transitionError(id, 'reopen');
  }

  /** Newest first, with the training dataset's name. */
  list(): RunSummary[] {
    return this.listStmt.all().map(toSummary);
  }

  get(id: number): StoredRun | null {
    const row = this.getStmt.get(id);
    if (!row) return null;
    return {
      ...toSummary(row),
      config: jsonFromSql<TrainConfig>(row.config_json),
      seed: row.seed,
      dataHash: row.data_hash,
      appVersion: row.app_version,
      positiveClass: row.positive_class,
      classes: nullableJsonFromSql<string[]>(row.classes_json),
      bestEpoch: row.best_epoch,
      checkpointEpoch: row.checkpoint_epoch
    };
  }

  /**
   * Deletes a run with its epochs, model, predictions and review notes; false when it did not exist.
   * A queued or running run is refused: the trainer would go on writing to it.
   */
  delete(id: number): boolean {
    return this.db
      .transaction(() => {
        const status = this.statusStmt.get(id)?.status;
        if (status === undefined) return false;
        if (status === 'queued' || status === 'running') {
          throw new AppError('CONFLICT', `Run ${id} is ${status}. Cancel it first, then delete it.`);
        }
        return this.deleteStmt.run(id).changes > 0;
      })
      .immediate();
  }

  /**
   * At start-up no run can be training, so any run still 'running' or 'queued' was cut off by a
   * crash or a forced quit; marks them 'interrupted' and returns how many there were.
   */
  markInterrupted(): number {
    return this.interruptStmt.run({ running: INTERRUPTED_WHILE_RUNNING, queued: INTERRUPTED_WHILE_QUEUED })
      .changes;
  }

  private transitionError(id: number, transition: Transition): AppError {
    const status = this.statusStmt.get(id)?.status;
    if (status === undefined) return runNotFound(id);
    const allowed = ALLOWED_FROM[transition].join(' or ');
    return new AppError(
      'CONFLICT',
      `Run ${id} is ${status}; it must be ${allowed} to ${describe(transition)}.`
    );
  }
}

function describe(transition: Transition): string {
  switch (transition) {
    case 'markRunning':
      return 'start training';
    case 'finish':
      return 'finish';
    case 'fail':
      return 'be stopped';
    case 'reopen':
      return 'be resumed';
  }
}
