import { AppError } from '@shared/contract/errors';
import type { TrainConfig } from '@shared/domain/config';
import type { EventBus } from '../core/event-bus';
import type { ComputeHost } from '../compute/compute-host';
import type { Storage } from '../storage/storage';
import type { TrainRunProgress, TrainRunResult } from '../compute/jobs/train-run-types';
import type { DatasetService } from './dataset-service';

/** A short name of the network of a run, e.g. "MLP r=8", "LSTM r=14/20", "Transformer r=8". */
export function describeNetwork(config: TrainConfig): string {
  switch (config.arch) {
    case 'mlp':
      return `MLP r=${config.ranks?.join('/') ?? config.rank}`;
    case 'lstm':
      return `LSTM r=${config.lstm.rankIh}/${config.lstm.rankHh}`;
    case 'transformer':
      return `Transformer r=${config.transformer.rank}`;
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
    private readonly compute: ComputeHost,
    private readonly events: EventBus,
    private readonly appVersion: string
  ) {}

  /** Creates the run record and starts training in the background; returns the run id at once. */
  start(config: TrainConfig): number {
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
    const controller = new AbortController();
    const done = this.execute(runId, config, controller.signal).finally(() => this.active.delete(runId));
    this.active.set(runId, { controller, done });
    this.events.emit('run:status', { runId, status: 'queued', error: null });
    return runId;
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

  private async execute(runId: number, config: TrainConfig, signal: AbortSignal): Promise<void> {
    try {
      const data = this.datasets.readTable(config.datasetId);
      const oodData = config.oodDatasetId !== undefined ? this.datasets.readTable(config.oodDatasetId) : null;
      const backend = await this.compute.backend();
      this.storage.runs.markRunning(runId, {
        backend: backend.label,
        dataHash: this.datasets.dataHash(config.datasetId, config.oodDatasetId),
        startedAt: new Date().toISOString()
      });
      this.events.emit('run:status', { runId, status: 'running', error: null });
      const result = await this.compute.run(
        'train-run',
        { runId, config, data, oodData },
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
      const cancelled = err instanceof AppError && err.code === 'CANCELLED';
      const message = err instanceof Error ? err.message : String(err);
      this.storage.runs.fail(
        runId,
        cancelled ? 'cancelled' : 'failed',
        cancelled ? 'Cancelled by the user.' : message
      );
      this.events.emit('run:status', {
        runId,
        status: cancelled ? 'cancelled' : 'failed',
        error: cancelled ? null : message
      });
    }
  }

  private onProgress(runId: number, p: TrainRunProgress): void {
    if (p.epochMetrics) this.storage.epochs.append(runId, p.epochMetrics);
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
