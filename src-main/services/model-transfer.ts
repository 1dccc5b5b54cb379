import { z } from 'zod';
import { AppError } from '@shared/contract/errors';
import { TaskSchema, TrainConfigSchema } from '@shared/domain/config';
import { ColumnInfoSchema, RunMetricsSchema } from '@shared/domain/records';
import { sha256Hex } from '../data/csv-table';
import type { SavedModelFile } from '../compute/jobs/train-run-types';
import { requireFinishedRun, runFileName } from './run-lookup';
import type { Storage } from '../storage/storage';
import { MODEL_FORMAT_VERSION } from './run-service';

export const PORTABLE_FORMAT = 'sbnn-studio-model';
export const PORTABLE_VERSION = 1;

/**
 * A portable model file: one finished run without its data. It holds the posterior factors and the
 * prior (in the saved model's posterior and config), the fitted preprocessing and tokenizer, the
 * configuration, seed and data hash, the OOD threshold and conformal calibration, and the training
 * dataset's column names (no cell values: patient data never leaves in a model file).
 */
const PortableModelSchema = z.object({
  format: z.literal(PORTABLE_FORMAT),
  version: z.number().int().min(1).max(PORTABLE_VERSION),
  run: z.object({
    name: z.string().max(400),
    task: TaskSchema,
    params: z.number().int().min(0),
    positiveClass: z.string().nullable(),
    classes: z.array(z.string()).nullable(),
    metrics: RunMetricsSchema,
    bestEpoch: z.number().int().min(0).nullable(),
    trainSeconds: z.number().min(0).nullable(),
    seed: z.number().int(),
    dataHash: z.string().nullable(),
    appVersion: z.string(),
    backend: z.string().nullable(),
    finishedAt: z.string().nullable()
  }),
  dataset: z.object({
    name: z.string().max(400),
    fileName: z.string().max(500),
    delimiter: z.string().max(4),
    columns: z
      .array(ColumnInfoSchema.omit({ examples: true }))
      .min(1)
      .max(10_000)
  }),
  model: z.custom<SavedModelFile>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      (v as { formatVersion?: unknown }).formatVersion === MODEL_FORMAT_VERSION &&
      TrainConfigSchema.safeParse((v as { config?: unknown }).config).success &&
      typeof (v as { posterior?: unknown }).posterior === 'object' &&
      typeof (v as { preprocessor?: unknown }).preprocessor === 'object',
    { message: 'the model part is not a saved SBNN Studio model' }
  )
});
type PortableModel = z.infer<typeof PortableModelSchema>;

/** The portable file of a finished run: its name and its JSON text. */
export function exportPortableModel(storage: Storage, runId: number): { fileName: string; content: string } {
  const run = requireFinishedRun(storage, runId, 'a model export');
  const stored = storage.models.load(runId);
  if (!stored) throw new AppError('NOT_FOUND', `Run ${runId} has no saved model to export.`);
  const dataset = storage.datasets.get(run.datasetId);
  if (!dataset || !run.task || run.metrics === null) {
    throw new AppError('NOT_FOUND', `Run ${runId}'s dataset or results are missing; it cannot be exported.`);
  }
  const file: PortableModel = {
    format: PORTABLE_FORMAT,
    version: PORTABLE_VERSION,
    run: {
      name: run.name,
      task: run.task,
      params: run.params ?? 0,
      positiveClass: run.positiveClass,
      classes: run.classes,
      metrics: run.metrics,
      bestEpoch: run.bestEpoch,
      trainSeconds: run.trainSeconds,
      seed: run.seed,
      dataHash: run.dataHash,
      appVersion: run.appVersion,
      backend: run.backend,
      finishedAt: run.finishedAt
    },
    dataset: {
      name: dataset.name,
      fileName: dataset.fileName,
      delimiter: dataset.delimiter,
      columns: dataset.columns.map(({ examples: _examples, ...column }) => column)
    },
    model: JSON.parse(stored.modelJson) as SavedModelFile
  };
  return { fileName: runFileName(run, '.sbnn-model.json'), content: JSON.stringify(file) };
}

/**
 * Imports a portable model file as a finished run, ready to score new files. Its training data is
 * not in the file: the run points at a dataset holding only the column names (header row), which
 * keeps the original data hash on the run. Everything is written in one transaction.
 */
export function importPortableModel(storage: Storage, fileName: string, content: string): number {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw new AppError('BAD_DATA', `${fileName} is not a model file: it is not JSON.`, { file: fileName });
  }
  const parsed = PortableModelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
    throw new AppError(
      'BAD_DATA',
      `${fileName} is not an SBNN Studio model file${where}: ${issue?.message ?? 'invalid'}.`,
      { file: fileName }
    );
  }
  const { run, dataset, model } = parsed.data;
  const header = `${dataset.columns.map((c) => JSON.stringify(c.name)).join(dataset.delimiter)}\n`;
  const bytes = new TextEncoder().encode(header);
  const name = `${dataset.name} (columns of an imported model)`;
  const hash = sha256Hex(bytes);
  return storage.transaction(() => {
    const placeholder =
      storage.datasets.list().find((d) => d.hash === hash && d.name === name) ??
      storage.datasets.insert({
        name,
        fileName: dataset.fileName,
        sampleId: null,
        hash,
        rowCount: 0,
        delimiter: dataset.delimiter,
        columns: dataset.columns.map((c) => ({ ...c, examples: [] })),
        content: bytes
      });
    const config = { ...model.config, datasetId: placeholder.id, oodDatasetId: undefined };
    const runId = storage.runs.create({
      name: `${run.name} (imported)`,
      config,
      datasetId: placeholder.id,
      oodDatasetId: null,
      arch: config.arch,
      method: config.method,
      seed: run.seed,
      appVersion: run.appVersion
    });
    storage.runs.markRunning(runId, {
      backend: run.backend ?? 'unknown',
      dataHash: run.dataHash ?? '',
      startedAt: run.finishedAt ?? new Date().toISOString()
    });
    storage.models.save(runId, MODEL_FORMAT_VERSION, JSON.stringify({ ...model, config }));
    storage.runs.finish(runId, {
      task: run.task,
      params: run.params,
      positiveClass: run.positiveClass,
      classes: run.classes,
      metrics: run.metrics,
      bestEpoch: run.bestEpoch ?? 0,
      trainSeconds: run.trainSeconds ?? 0,
      finishedAt: run.finishedAt ?? new Date().toISOString()
    });
    return runId;
  });
}
