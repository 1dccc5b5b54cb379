import { AppError } from '@shared/contract/errors';
import { LOW_RANK_METHODS } from '@shared/domain/config';
import type { TrainConfig } from '@shared/domain/config';
import { isResumable } from '@shared/domain/records';
import type { RankAdviceResult, RunMetrics } from '@shared/domain/records';
import type { EventBus } from '../core/event-bus';
import type { ComputePool } from '../compute/compute-pool';
import type { Storage } from '../storage/storage';
import type {
  EnsembleMembers,
  SavedModelFile,
  TrainMemberProgress,
  TrainMemberResult,
  TrainRunProgress,
  TrainRunResult
} from '../compute/jobs/train-run-types';
import { trainingFraction } from '../compute/jobs/train-run-types';
import type { TableFile } from '../data/table-file';
import type { EncodedCheckpoint } from '../model/training/train-checkpoint';
import { INTERRUPTED_BY_COMPUTE } from '../storage/runs-repository';
import type { DatasetService } from './dataset-service';
import { requireFinishedRun, requireRun } from './run-lookup';

/** What scoring a file with a run gave. */
export interface ScoreOutcome {
  fileName: string;
  scored: number;
  flagged: number;
  /** The test metrics on the file, when it holds the target column. */
  metrics: RunMetrics['test'] | null;
}

const METHOD_LABELS: Record<TrainConfig['method'], string> = {
  sbnn: '',
  'lr-svd': 'LR-SVD ',
  bbb: 'BBB ',
  rank1: 'Rank-1 ',
  deterministic: 'deterministic ',
  ensemble: 'ensemble of '
};

/**
 * A short name of the network of a run: "MLP r=8", "LSTM r=14/20", "Transformer r=8" for the
 * low-rank methods; "BBB MLP", "ensemble of 5 MLP", ... for the baselines (no rank).
 */
export function describeNetwork(config: TrainConfig): string {
  const lowRank = LOW_RANK_METHODS.includes(config.method);
  const prefix = METHOD_LABELS[config.method] + (config.method === 'ensemble' ? `${config.members} ` : '');
  switch (config.arch) {
    case 'mlp':
      return `${prefix}MLP${lowRank ? ` r=${config.ranks?.join('/') ?? config.rank}` : ''}`;
    case 'lstm':
      return `${prefix}LSTM${lowRank ? ` r=${config.lstm.rankIh}/${config.lstm.rankHh}` : ''}`;
    case 'transformer':
      return `${prefix}Transformer${lowRank ? ` r=${config.transformer.rank}` : ''}`;
  }
}

/** The config of one point of a rank sweep: rank r for every low-rank matrix of the network. */
export function withRank(config: TrainConfig, rank: number): TrainConfig {
  switch (config.arch) {
    case 'mlp': {
      const { ranks: _ranks, ...rest } = config;
      return { ...rest, rank };
    }
    case 'lstm':
      return { ...config, lstm: { ...config.lstm, rankIh: rank, rankHh: rank } };
    case 'transformer':
      return { ...config, transformer: { ...config.transformer, rank } };
  }
}

/** Saved-model format written next to every finished run. */
export const MODEL_FORMAT_VERSION = 1;

interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Starts, tracks and cancels training runs. The main side is the only writer: the compute process
 * trains and predicts; every result it sends back is stored here, the predictions in one
 * transaction with the model and the final status, so a crash never leaves a half-written run.
 */
export class RunService {
  private readonly active = new Map<number, ActiveRun>();

  constructor(
    private readonly storage: Storage,
    private readonly datasets: DatasetService,
    private readonly compute: ComputePool,
    private readonly events: EventBus,
    private readonly appVersion: string
  ) {}

  /** Creates the run record and starts training in the background; returns the run id at once. */
  start(config: TrainConfig): number {
    const dataset = this.checkTarget(config);
    const ood = config.oodDatasetId !== undefined ? this.datasets.require(config.oodDatasetId) : null;
    const runId = this.storage.runs.create({
      name: config.name ?? `${dataset.name} · ${describeNetwork(config)}`,
      config,
      datasetId: dataset.id,
      oodDatasetId: ood?.id ?? null,
      arch: config.arch,
      method: config.method,
      seed: config.seed,
      appVersion: this.appVersion
    });
    this.launch(runId, config, null);
    return runId;
  }

  /**
   * Continues an interrupted or cancelled run (issue: crashes) from its last training checkpoint:
   * the epochs after the checkpoint are dropped and trained again, with the same random stream, so
   * the run ends as it would have without the interruption. A run without a checkpoint (stopped in
   * its first epoch, or an ensemble, whose members are not checkpointed) trains again from the
   * start. Returns the epoch it resumes after (0: from the start).
   */
  resume(runId: number): { runId: number; fromEpoch: number } {
    const run = requireRun(this.storage, runId);
    if (this.active.has(runId) || !isResumable(run.status)) {
      throw new AppError(
        'CONFLICT',
        `Run ${runId} (${run.name}) is ${run.status}; only an interrupted or cancelled run can be resumed.`
      );
    }
    this.checkTarget(run.config);
    const stored = run.config.method === 'ensemble' ? null : this.storage.checkpoints.load(runId);
    const fromEpoch = stored?.epoch ?? 0;
    this.storage.transaction(() => {
      this.storage.runs.reopen(runId);
      this.storage.epochs.deleteAfter(runId, fromEpoch);
    });
    const checkpoint: EncodedCheckpoint | null = stored
      ? { meta: JSON.parse(stored.metaJson) as EncodedCheckpoint['meta'], data: stored.data }
      : null;
    this.launch(runId, run.config, checkpoint);
    return { runId, fromEpoch };
  }

  /** Trains a queued run in the background. */
  private launch(runId: number, config: TrainConfig, resumeFrom: EncodedCheckpoint | null): void {
    const controller = new AbortController();
    const done = this.execute(runId, config, controller.signal, resumeFrom).finally(() =>
      this.active.delete(runId)
    );
    this.active.set(runId, { controller, done });
    this.events.emit('run:status', { runId, status: 'queued', error: null });
  }

  /**
   * A rank sweep (METHOD.md section 7): one run per rank, every other setting equal. The runs are
   * started together, so the compute pool trains them in parallel processes, one per core.
   */
  sweep(config: TrainConfig, ranks: number[]): number[] {
    if (!LOW_RANK_METHODS.includes(config.method)) {
      throw new AppError(
        'BAD_REQUEST',
        `A rank sweep needs a low-rank method (${LOW_RANK_METHODS.join(' or ')}), not ${config.method}.`
      );
    }
    this.checkTarget(config);
    const distinct = [...new Set(ranks)].sort((a, b) => a - b);
    return distinct.map((rank) => {
      const point = withRank(config, rank);
      return this.start({ ...point, name: config.name ? `${config.name} r=${rank}` : undefined });
    });
  }

  /**
   * Scores a new file with a finished run (issue: scoring new data): the stored preprocessing
   * checks and encodes it (missing columns named), the stored posterior predicts with the run's
   * weight draws, OOD threshold and conformal calibration. The records are appended to the run as
   * the 'scored' split (ids name the file and its row), so they enter the run's review queue.
   */
  async score(runId: number, datasetId: number, signal?: AbortSignal): Promise<ScoreOutcome> {
    requireFinishedRun(this.storage, runId, 'scoring');
    const stored = this.storage.models.load(runId);
    if (!stored) throw new AppError('NOT_FOUND', `Run ${runId} has no saved model to score with.`);
    const model = JSON.parse(stored.modelJson) as SavedModelFile;
    const data = this.datasets.readTable(datasetId);
    const result = await this.compute.run(
      'predict-run',
      { model, data, samples: model.config.samples, seed: model.predictionSeed },
      { signal }
    );
    this.storage.transaction(() => {
      const offset = this.storage.predictions.nextRowIndex(runId, 'scored');
      this.storage.predictions.insertMany(
        runId,
        result.records.map((r) => ({
          ...r,
          split: 'scored' as const,
          rowIndex: offset + r.rowIndex,
          // The source file and its data row (from 1), named apart from the queue's own columns.
          ids: { source_file: data.fileName, source_row: String(r.rowIndex + 1), ...r.ids }
        }))
      );
    });
    return {
      fileName: data.fileName,
      scored: result.records.length,
      flagged: result.records.filter((r) => r.oodFlag).length,
      metrics: result.metrics
    };
  }

  /** The rank advisor: a deterministic pre-fit in a compute process, then ranks per layer. */
  async adviseRank(config: TrainConfig, energy: number, signal?: AbortSignal): Promise<RankAdviceResult> {
    this.checkTarget(config);
    const { data, oodData } = this.readData(config);
    return this.compute.run('advise-rank', { config, data, oodData, energy }, { signal });
  }

  /** The dataset of a run after checking that its target can be learned (BAD_DATA otherwise). */
  private checkTarget(config: TrainConfig) {
    const dataset = this.datasets.require(config.datasetId);
    const columns = dataset.columns.map((c) => c.name);
    if (!columns.includes(config.target)) {
      throw new AppError(
        'BAD_DATA',
        `The target column "${config.target}" is not in ${dataset.fileName}. Available columns: ${columns.join(', ')}.`,
        { file: dataset.fileName, column: config.target }
      );
    }
    // A target with fewer than two distinct values cannot be learned; refusing it here, before the
    // run is created, keeps the database unchanged and names the file and column.
    const targetColumn = dataset.columns.find((c) => c.name === config.target);
    if (targetColumn && targetColumn.distinct < 2) {
      const what =
        targetColumn.distinct === 0
          ? 'has no values (every cell is missing)'
          : `has a single value ("${targetColumn.examples[0]}")`;
      throw new AppError(
        'BAD_DATA',
        `The target column "${config.target}" of ${dataset.fileName} ${what}, so there is nothing to predict. Choose another target.`,
        { file: dataset.fileName, column: config.target }
      );
    }
    return dataset;
  }

  private readData(config: TrainConfig): { data: TableFile; oodData: TableFile | null } {
    return {
      data: this.datasets.readTable(config.datasetId),
      oodData: config.oodDatasetId !== undefined ? this.datasets.readTable(config.oodDatasetId) : null
    };
  }

  /** Asks a queued or running run to stop; false when it is not active. */
  cancel(runId: number): boolean {
    const run = this.active.get(runId);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  /** Resolves when the run has ended (finished, failed or cancelled). */
  async wait(runId: number): Promise<void> {
    await this.active.get(runId)?.done;
  }

  isActive(runId: number): boolean {
    return this.active.has(runId);
  }

  /** Cancels every active run and waits for them to end (app shutdown). */
  async cancelAll(): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) run.controller.abort();
    await Promise.allSettled(runs.map((r) => r.done));
  }

  private async execute(
    runId: number,
    config: TrainConfig,
    signal: AbortSignal,
    resumeFrom: EncodedCheckpoint | null
  ): Promise<void> {
    try {
      const { data, oodData } = this.readData(config);
      const backend = await this.compute.backend();
      this.storage.runs.markRunning(runId, {
        backend: backend.label,
        dataHash: this.datasets.dataHash(config.datasetId, config.oodDatasetId),
        startedAt: new Date().toISOString()
      });
      this.events.emit('run:status', { runId, status: 'running', error: null });
      const ensemble =
        config.method === 'ensemble' ? await this.trainMembers(runId, config, data, oodData, signal) : null;
      const result = await this.compute.run(
        'train-run',
        { runId, config, data, oodData, ensemble, resumeFrom },
        { signal, onProgress: (p) => this.onProgress(runId, p) }
      );
      this.emitProgress(runId, {
        phase: 'saving',
        epoch: result.bestEpoch,
        epochs: config.epochs,
        fraction: 0.99
      });
      this.save(runId, result);
      this.events.emit('run:status', { runId, status: 'finished', error: null });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const code = err instanceof AppError ? err.code : 'INTERNAL';
      // A cancelled run keeps its checkpoint and may be resumed; so may one whose compute process
      // died under it (a crash, not a fault of the run). A failed run's checkpoint is of no use.
      const status =
        code === 'CANCELLED' ? 'cancelled' : code === 'COMPUTE_FAILED' ? 'interrupted' : 'failed';
      const error =
        status === 'cancelled'
          ? 'Cancelled by the user.'
          : status === 'interrupted'
            ? `${INTERRUPTED_BY_COMPUTE} (${message})`
            : message;
      this.storage.transaction(() => {
        this.storage.runs.fail(runId, status, error);
        if (status === 'failed') this.storage.checkpoints.delete(runId);
      });
      this.events.emit('run:status', { runId, status, error: status === 'cancelled' ? null : error });
    }
  }

  /**
   * Trains the members of a deep ensemble as separate 'train-member' jobs, all started at once so
   * that the compute pool runs them in parallel processes (one per core). Progress is the mean of
   * the members'; the first member's epochs are stored as the run's history.
   */
  private async trainMembers(
    runId: number,
    config: TrainConfig,
    data: TableFile,
    oodData: TableFile | null,
    signal: AbortSignal
  ): Promise<EnsembleMembers> {
    const started = performance.now();
    const fractions = new Array<number>(config.members).fill(0);
    const onProgress = (p: TrainMemberProgress): void => {
      fractions[p.member] = p.fraction;
      const done = fractions.reduce((a, b) => a + b, 0) / config.members;
      const elapsed = (performance.now() - started) / 1000;
      this.onProgress(runId, {
        phase: 'training',
        epoch: p.epoch,
        epochs: p.epochs,
        fraction: trainingFraction(done),
        etaSeconds: done > 0 ? (elapsed / done) * (1 - done) : null,
        loss: p.loss,
        epochMetrics: p.member === 0 ? p.epochMetrics : null
      });
    };
    const members: TrainMemberResult[] = await Promise.all(
      Array.from({ length: config.members }, (_, member) =>
        this.compute.run('train-member', { runId, config, data, oodData, member }, { signal, onProgress })
      )
    );
    const first = members[0] as TrainMemberResult;
    return {
      posteriors: members.map((m) => m.posterior),
      epochs: first.epochs,
      bestEpoch: first.bestEpoch,
      trainSeconds: (performance.now() - started) / 1000,
      msPerStep: members.reduce((sum, m) => sum + m.msPerStep, 0) / members.length,
      peakMemoryMB: Math.max(...members.map((m) => m.peakMemoryMB))
    };
  }

  private onProgress(runId: number, p: TrainRunProgress): void {
    if (p.epochMetrics) this.storage.epochs.append(runId, p.epochMetrics);
    if (p.checkpoint) {
      const { meta, data } = p.checkpoint;
      this.storage.checkpoints.save(runId, { epoch: meta.epoch, metaJson: JSON.stringify(meta), data });
    }
    const m = p.epochMetrics;
    this.events.emit('run:progress', {
      runId,
      phase: p.phase,
      epoch: p.epoch,
      epochs: p.epochs,
      fraction: p.fraction,
      etaSeconds: p.etaSeconds,
      loss: m?.loss ?? p.loss,
      nll: m?.nll ?? null,
      kl: m?.kl ?? null,
      klWeight: m?.klWeight ?? null,
      valLoss: m?.valLoss ?? null,
      valMetric: m?.valMetric ?? null
    });
  }

  private emitProgress(
    runId: number,
    p: { phase: 'saving'; epoch: number; epochs: number; fraction: number }
  ): void {
    this.events.emit('run:progress', {
      runId,
      ...p,
      etaSeconds: null,
      loss: null,
      nll: null,
      kl: null,
      klWeight: null,
      valLoss: null,
      valMetric: null
    });
  }

  private save(runId: number, result: TrainRunResult): void {
    this.storage.transaction(() => {
      this.storage.models.save(runId, MODEL_FORMAT_VERSION, JSON.stringify(result.model));
      this.storage.checkpoints.delete(runId);
      this.storage.predictions.insertMany(runId, result.records);
      this.storage.runs.finish(runId, {
        task: result.target.task,
        params: result.params,
        positiveClass: result.target.positiveClass,
        classes: result.target.classes,
        metrics: result.metrics,
        bestEpoch: result.bestEpoch,
        trainSeconds: result.trainSeconds,
        finishedAt: new Date().toISOString()
      });
    });
  }
}
