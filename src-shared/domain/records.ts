import { z } from 'zod';
import { TaskSchema, TrainConfigSchema } from './config';

export const ColumnInfoSchema = z.object({
  name: z.string(),
  /** Inferred role; the user may override it per run. */
  role: z.enum(['numeric', 'categorical', 'id', 'text', 'ignore']),
  missing: z.number().int(),
  distinct: z.number().int(),
  examples: z.array(z.string())
});
export type ColumnInfo = z.infer<typeof ColumnInfoSchema>;

export const DatasetSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  fileName: z.string(),
  rowCount: z.number().int(),
  columnCount: z.number().int(),
  /** SHA-256 of the file's bytes. */
  hash: z.string(),
  createdAt: z.string(),
  sampleId: z.string().nullable()
});
export type DatasetSummary = z.infer<typeof DatasetSummarySchema>;

export const DatasetDetailSchema = DatasetSummarySchema.extend({
  columns: z.array(ColumnInfoSchema),
  /** The first rows, as text, for the preview table. */
  preview: z.array(z.array(z.string())),
  delimiter: z.string()
});
export type DatasetDetail = z.infer<typeof DatasetDetailSchema>;

export const RunStatusSchema = z.enum([
  'queued',
  'running',
  'finished',
  'failed',
  'cancelled',
  'interrupted'
]);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const ClassificationMetricsSchema = z.object({
  accuracy: z.number(),
  nll: z.number(),
  brier: z.number(),
  ece: z.number(),
  auroc: z.number().nullable()
});
export type ClassificationMetrics = z.infer<typeof ClassificationMetricsSchema>;

export const RegressionMetricsSchema = z.object({
  mae: z.number(),
  rmse: z.number(),
  nll: z.number(),
  picp: z.number(),
  mpiw: z.number(),
  /** Time series: MAE of the persistence forecast (next value = last observed) on the same windows. */
  maeNaive: z.number().optional()
});
export type RegressionMetrics = z.infer<typeof RegressionMetricsSchema>;

export const OodMetricsSchema = z.object({
  auroc: z.number(),
  auprIn: z.number(),
  auprOut: z.number(),
  fpr95: z.number()
});
export type OodMetrics = z.infer<typeof OodMetricsSchema>;

export const RunMetricsSchema = z.object({
  test: z.union([ClassificationMetricsSchema, RegressionMetricsSchema]),
  ood: OodMetricsSchema.nullable(),
  oodThreshold: z.number(),
  counts: z.object({ train: z.number(), validation: z.number(), test: z.number(), ood: z.number() }),
  /** What a person should know about the data of the run (rows left out, gaps, truncated documents). */
  notes: z.array(z.string()).optional()
});
export type RunMetrics = z.infer<typeof RunMetricsSchema>;

export const BackendNameSchema = z.enum(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
export type BackendName = z.infer<typeof BackendNameSchema>;

export const BackendInfoSchema = z.object({
  name: BackendNameSchema,
  /** Human-readable, e.g. "WebAssembly (SIMD, 1 thread)". */
  label: z.string(),
  /** Why each better backend was not used. */
  unavailable: z.array(z.object({ name: BackendNameSchema, reason: z.string() }))
});
export type BackendInfo = z.infer<typeof BackendInfoSchema>;

export const RunSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  datasetId: z.number().int(),
  datasetName: z.string(),
  status: RunStatusSchema,
  task: TaskSchema.nullable(),
  arch: z.string(),
  method: z.string(),
  backend: z.string().nullable(),
  params: z.number().int().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  trainSeconds: z.number().nullable(),
  error: z.string().nullable(),
  metrics: RunMetricsSchema.nullable()
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const EpochMetricsSchema = z.object({
  epoch: z.number().int(),
  loss: z.number(),
  nll: z.number(),
  kl: z.number(),
  klWeight: z.number(),
  valLoss: z.number(),
  valNll: z.number(),
  /** Validation accuracy (classification) or RMSE (regression). */
  valMetric: z.number(),
  seconds: z.number()
});
export type EpochMetrics = z.infer<typeof EpochMetricsSchema>;

export const RunDetailSchema = RunSummarySchema.extend({
  config: TrainConfigSchema,
  seed: z.number().int(),
  dataHash: z.string().nullable(),
  appVersion: z.string(),
  positiveClass: z.string().nullable(),
  classes: z.array(z.string()).nullable(),
  epochs: z.array(EpochMetricsSchema),
  bestEpoch: z.number().int().nullable()
});
export type RunDetail = z.infer<typeof RunDetailSchema>;

export const SplitSchema = z.enum(['train', 'validation', 'test', 'ood', 'scored']);
export type Split = z.infer<typeof SplitSchema>;

/** One reviewed record: its prediction, interval, uncertainty and OOD flag (METHOD.md section 4). */
export const RecordPredictionSchema = z.object({
  rowIndex: z.number().int(),
  split: SplitSchema,
  /** Values of the id columns, for finding the record in the source file. */
  ids: z.record(z.string(), z.string()),
  actual: z.string().nullable(),
  /** Predicted class label, or the predictive mean (regression) as text. */
  prediction: z.string(),
  /** Binary: P(positive class); multiclass: P(predicted class); regression: predictive mean. */
  value: z.number(),
  lower: z.number(),
  upper: z.number(),
  /** Classification: mutual information (nats); regression: std of the sample means. */
  epistemic: z.number(),
  /** Classification: expected entropy (nats); regression: noise std. */
  aleatoric: z.number(),
  /** Classification: entropy of the mean prediction (nats); regression: total predictive std. */
  total: z.number(),
  oodScore: z.number(),
  oodFlag: z.boolean(),
  /** Names of the inputs that were missing and imputed. */
  imputed: z.array(z.string()),
  correct: z.boolean().nullable(),
  /** The document, for text records (Transformer runs). */
  text: z.string().optional()
});
export type RecordPrediction = z.infer<typeof RecordPredictionSchema>;

export const SampleInfoSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  attribution: z.string(),
  fileName: z.string(),
  /** A suggested configuration for a first run. */
  suggested: z.object({
    target: z.string(),
    ignore: z.array(z.string()),
    oodSampleId: z.string().optional(),
    /** The network the sample is meant for (MLP when absent). */
    arch: z.enum(['mlp', 'lstm', 'transformer']).optional(),
    /** Time series: the time and series columns. */
    time: z.string().optional(),
    group: z.string().optional(),
    /** Text: the document column. */
    text: z.string().optional(),
    oodWhere: z.array(z.object({ column: z.string(), value: z.string() })).optional()
  })
});
export type SampleInfo = z.infer<typeof SampleInfoSchema>;

export const ParamCountsSchema = z.object({
  lowRank: z.number().int(),
  fullRankBayes: z.number().int(),
  ensemble: z.number().int()
});
export type ParamCounts = z.infer<typeof ParamCountsSchema>;
