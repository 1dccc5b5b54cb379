import { availableParallelism, cpus, totalmem } from 'node:os';
import type { EventPayload, RunProgress } from '@shared/contract/channels';
import { TrainConfigSchema } from '@shared/domain/config';
import type { Method, TrainConfig } from '@shared/domain/config';
import type { RunMetrics } from '@shared/domain/records';
import type { AppCore } from '../core/app-core';
import { parseTable } from '../data/csv-table';
import { withRank } from '../services/run-service';
import { requireRun } from '../cli/cli-context';
import { CombinedProgress } from '../cli/progress-bar';
import { runReport } from '../cli/run-report';
import type { RunReport } from '../cli/run-report';
import { PAPER_DATASETS, PAPER_METHODS, SWEEP_RANKS, paperRunConfig } from './paper-datasets';
import type { PaperDataset, PaperDatasetId, PaperDatasetSettings, PaperSettings } from './paper-datasets';
import { runScheduled } from './paper-schedule';
import type { ScheduledTask } from './paper-schedule';
import { stratifiedSubsampleCsv } from './paper-subsample';

/** A run to train: where it goes in the tables and its full configuration. */
interface PlannedRun {
  dataset: PaperDatasetId;
  method: Method;
  seed: number;
  /** Part of the dataset's methods table. */
  inMethodsTable: boolean;
  /** The rank of every weight matrix when the run is a point of the rank sweep, else null. */
  sweepRank: number | null;
  config: TrainConfig;
}

/** One trained run of the benchmark, as paper.json records it. */
export interface PaperRunRecord extends PlannedRun {
  /** Records per split (train, validation, test, OOD), when the run got that far. */
  counts: RunMetrics['counts'] | null;
  report: RunReport;
  error: string | null;
}

/** What a dataset was trained on, as the tables state it. */
export interface PaperDatasetRecord {
  id: PaperDatasetId;
  title: string;
  fileName: string;
  rows: number;
  /** The subsample, in words, when the mode trains on part of the file. */
  subsample: string | null;
  settings: PaperDatasetSettings;
}

/** Everything `bench paper` measured: paper.json. */
export interface PaperResults {
  quick: boolean;
  seeds: number;
  startedAt: string;
  /** Wall time of the whole benchmark, seconds. */
  totalSeconds: number;
  machine: {
    cpu: string;
    cores: number;
    memoryGB: number;
    platform: string;
    node: string;
    backend: string | null;
  };
  computeProcesses: number;
  datasets: PaperDatasetRecord[];
  runs: PaperRunRecord[];
}

/**
 * Imports a dataset's sample (and OOD sample) into the benchmark's database. In a mode that
 * subsamples, the chosen rows are written as a CSV of their own and that file is imported, so the
 * runs read, hash and report exactly what they trained on.
 */
function importDataset(
  core: AppCore,
  dataset: PaperDataset,
  settings: PaperDatasetSettings
): { record: PaperDatasetRecord; datasetId: number; oodDatasetId: number | undefined } {
  const full = core.datasets.importSample(dataset.sampleId);
  const oodDatasetId = dataset.oodSampleId ? core.datasets.importSample(dataset.oodSampleId).id : undefined;
  const base = { id: dataset.id, title: dataset.title, settings };
  if (!settings.subsample) {
    return {
      record: { ...base, fileName: full.fileName, rows: full.rowCount, subsample: null },
      datasetId: full.id,
      oodDatasetId
    };
  }
  const { rows, stratifyBy } = settings.subsample;
  const table = parseTable(core.datasets.readTable(full.id).content, full.fileName);
  const fileName = full.fileName.replace(/\.csv$/i, `-${rows}.csv`);
  const part = core.datasets.importText(fileName, stratifiedSubsampleCsv(table, stratifyBy, rows));
  return {
    record: {
      ...base,
      fileName,
      rows: part.rowCount,
      subsample: `${part.rowCount} of the ${full.rowCount} rows of ${full.fileName}, stratified by ${stratifyBy} (evenly spaced within each ${stratifyBy})`
    },
    datasetId: part.id,
    oodDatasetId
  };
}

/**
 * Every run of one dataset: each method at each seed, and for the clinical sample the rank sweep
 * of the low-rank model. The sweep point at the methods table's own rank is that table's run (same
 * configuration, same seed), so it is trained once and used in both tables.
 */
function planDataset(
  core: AppCore,
  dataset: PaperDataset,
  settings: PaperSettings,
  ids: { datasetId: number; oodDatasetId: number | undefined }
): PlannedRun[] {
  const sample = core.datasets.samples().find((s) => s.id === dataset.sampleId);
  if (!sample) throw new Error(`The sample "${dataset.sampleId}" is not bundled with this app.`);
  const datasetSettings = settings.datasets[dataset.id];
  const seeds = Array.from({ length: settings.seeds }, (_, i) => i + 1);
  const configFor = (method: Method, seed: number): TrainConfig =>
    TrainConfigSchema.parse({ ...paperRunConfig(sample, datasetSettings, method, seed), ...ids });
  const planned: PlannedRun[] = [];
  for (const seed of seeds) {
    for (const method of PAPER_METHODS) {
      const config = configFor(method, seed);
      const sweepRank = dataset.id === 'clinical' && method === 'sbnn' && SWEEP_RANKS.includes(config.rank);
      planned.push({
        dataset: dataset.id,
        method,
        seed,
        inMethodsTable: true,
        sweepRank: sweepRank ? config.rank : null,
        config
      });
    }
    if (dataset.id !== 'clinical') continue;
    const base = configFor('sbnn', seed);
    for (const rank of SWEEP_RANKS.filter((r) => r !== base.rank)) {
      planned.push({
        dataset: dataset.id,
        method: 'sbnn',
        seed,
        inMethodsTable: false,
        sweepRank: rank,
        config: withRank(base, rank)
      });
    }
  }
  return planned;
}

/** Trains one planned run to its end and records it; a failure is recorded, never thrown. */
async function trainPlanned(core: AppCore, plan: PlannedRun): Promise<PaperRunRecord> {
  const runId = core.runs.start(plan.config);
  await core.runs.wait(runId);
  const run = requireRun(core, runId);
  return {
    ...plan,
    counts: run.metrics?.counts ?? null,
    report: runReport(run),
    error: run.status === 'finished' ? null : (run.error ?? `the run ended ${run.status}`)
  };
}

/**
 * Trains every run of the paper benchmark through the app's own RunService and compute pool: at
 * most one run per compute process at a time, the deep ensembles alone (their members fill the
 * processes), the longest datasets first. Progress goes to stderr.
 */
export async function trainPaperBench(core: AppCore, settings: PaperSettings): Promise<PaperResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const datasets: PaperDatasetRecord[] = [];
  const planned: PlannedRun[] = [];
  for (const dataset of PAPER_DATASETS) {
    const imported = importDataset(core, dataset, settings.datasets[dataset.id]);
    datasets.push(imported.record);
    planned.push(...planDataset(core, dataset, settings, imported));
  }

  const progress = new CombinedProgress(planned.length);
  const unsubscribe = core.events.subscribe((event, payload) => {
    if (event === 'run:progress') progress.progress(payload as RunProgress);
    if (event === 'run:status') {
      const { runId, status } = payload as EventPayload<'run:status'>;
      progress.status(runId, status);
    }
  });
  const records = new Map<PlannedRun, PaperRunRecord>();
  const task = (plan: PlannedRun): ScheduledTask => ({
    exclusive: plan.method === 'ensemble',
    run: async () => {
      records.set(plan, await trainPlanned(core, plan));
    }
  });
  // Ensembles first, then the rest from the costliest architecture down, so that the last runs
  // to start are short ones and the processes finish together.
  const order = ['transformer', 'lstm', 'mlp'];
  const byCost = [...planned].sort(
    (a, b) =>
      Number(b.method === 'ensemble') - Number(a.method === 'ensemble') ||
      order.indexOf(a.config.arch) - order.indexOf(b.config.arch)
  );
  try {
    await runScheduled(byCost.map(task), core.compute.maxProcesses);
  } finally {
    unsubscribe();
    progress.finish();
  }

  const runs = planned.flatMap((plan) => {
    const record = records.get(plan);
    return record ? [record] : [];
  });
  const cpu = cpus()[0];
  return {
    quick: settings.quick,
    seeds: settings.seeds,
    startedAt,
    totalSeconds: (performance.now() - started) / 1000,
    machine: {
      cpu: cpu?.model.trim() ?? 'unknown',
      cores: availableParallelism(),
      memoryGB: Math.round(totalmem() / 2 ** 30),
      platform: `${process.platform} ${process.arch}`,
      node: process.version,
      backend: runs.find((r) => r.report.backend !== null)?.report.backend ?? null
    },
    computeProcesses: core.compute.maxProcesses,
    datasets,
    runs
  };
}
