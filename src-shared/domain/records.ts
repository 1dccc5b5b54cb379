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

/** Runs that stopped before finishing and may be resumed (from their last training checkpoint). */
export const RESUMABLE_STATUSES: readonly RunStatus[] = ['interrupted', 'cancelled'];

export function isResumable(status: RunStatus): boolean {
  return RESUMABLE_STATUSES.includes(status);
}

/** A metric on the retained records when the most uncertain are deferred (METHOD.md section 6). */
export const RetentionPointSchema = z.object({ retention: z.number(), value: z.number() });
export type RetentionPoint = z.infer<typeof RetentionPointSchema>;

/**
 * Test-set classification metrics (METHOD.md section 6; formulas in docs/metrics.md). Fields after
 * `auroc` are optional so that runs stored by earlier versions still parse.
 */
export const ClassificationMetricsSchema = z.object({
  accuracy: z.number(),
  nll: z.number(),
  brier: z.number(),
  /** 15 equal-width bins. */
  ece: z.number(),
  auroc: z.number().nullable(),
  /** 15 equal-mass bins. */
  eceEqualMass: z.number().optional(),
  /** Error detection by total uncertainty: errors positive / correct predictions positive. */
  auprErr: z.number().nullable().optional(),
  auprSucc: z.number().nullable().optional(),
  /** Area under the risk-coverage curve (0-1 loss, records deferred by total uncertainty). */
  aurc: z.number().optional(),
  /** Accuracy of the retained records at 100%, 95%, ..., 50% retention. */
  selective: z.array(RetentionPointSchema).optional()
});
export type ClassificationMetrics = z.infer<typeof ClassificationMetricsSchema>;

export const RegressionMetricsSchema = z.object({
  mae: z.number(),
  rmse: z.number(),
  nll: z.number(),
  picp: z.number(),
  mpiw: z.number(),
  /** Time series: MAE of the persistence forecast (next value = last observed) on the same windows. */
  maeNaive: z.number().optional(),
  r2: z.number().optional(),
  /** CRPS of the Gaussian predictive. */
  crps: z.number().optional(),
  /** Interval score of the central interval at the run's level. */
  intervalScore: z.number().optional(),
  /** Area under the risk-coverage curve (absolute error, records deferred by total std). */
  aurc: z.number().optional(),
  /** MAE of the retained records at 100%, 95%, ..., 50% retention. */
  selective: z.array(RetentionPointSchema).optional()
});
export type RegressionMetrics = z.infer<typeof RegressionMetricsSchema>;

export const OodMetricsSchema = z.object({
  auroc: z.number(),
  auprIn: z.number(),
  auprOut: z.number(),
  fpr95: z.number(),
  /** Mean OOD score on OOD records / mean on in-distribution test records (the MI ratio for classification). */
  scoreRatio: z.number().optional()
});
export type OodMetrics = z.infer<typeof OodMetricsSchema>;

/**
 * Split-conformal calibration (beyond the paper): the score quantile calibrated on the validation
 * records at `level`, and what it gives on test. Regression: interval mean +/- quantile x total std
 * (normalized residual score). Classification: the set of classes with probability >= 1 - quantile.
 */
export const ConformalSummarySchema = z.object({
  kind: z.enum(['interval', 'set']),
  level: z.number(),
  quantile: z.number(),
  calibrationCount: z.number().int(),
  /** Observed coverage on the test records. */
  coverage: z.number(),
  /** Regression: mean interval width in the target's units. */
  meanWidth: z.number().optional(),
  /** Classification: mean number of classes per set. */
  meanSetSize: z.number().optional(),
  /**
   * Time series: the intervals were calibrated online in time order (adaptive conformal inference,
   * each forecast with the outcomes known before it); `quantile` is the validation quantile it starts from.
   */
  adaptive: z.boolean().optional()
});
export type ConformalSummary = z.infer<typeof ConformalSummarySchema>;

/** McAllester's PAC-Bayes bound (METHOD.md section 7) of a Bayesian run. */
export const PacBayesSchema = z.object({
  /** KL(Q || P) of the trained posterior to the prior, nats. */
  kl: z.number(),
  /** Empirical risk of the Gibbs predictor on the training records, loss in [0, 1]. */
  empiricalRisk: z.number(),
  n: z.number().int(),
  delta: z.number(),
  bound: z.number(),
  /** The loss, stated (e.g. "0-1 loss" or "absolute error / 2 std, clipped to [0, 1]"). */
  loss: z.string(),
  /** Parameters under the posterior (entries with a KL term). */
  bayesianParams: z.number().int()
});
export type PacBayes = z.infer<typeof PacBayesSchema>;

/** Singular value spectrum of one weight matrix's posterior mean (METHOD.md section 7). */
export const LayerSpectrumSchema = z.object({
  layer: z.string(),
  rows: z.number().int(),
  cols: z.number().int(),
  /** The layer's rank (low-rank methods), else min(rows, cols). */
  rank: z.number().int(),
  /** Singular values, largest first (at most 256). */
  singularValues: z.array(z.number()),
  /** Energy retained at rank r: sum_{i<=r} s_i^2 / sum s_i^2, for r = 1..singularValues.length. */
  energy: z.array(z.number())
});
export type LayerSpectrum = z.infer<typeof LayerSpectrumSchema>;

/** What a run cost (METHOD.md section 6). */
export const RunCostSchema = z.object({
  msPerStep: z.number(),
  /** Peak resident memory of the compute process during the run, MB. */
  peakMemoryMB: z.number(),
  /** Seconds to predict every held-out record with S samples. */
  predictSeconds: z.number(),
  samples: z.number().int()
});
export type RunCost = z.infer<typeof RunCostSchema>;

export const RunMetricsSchema = z.object({
  test: z.union([ClassificationMetricsSchema, RegressionMetricsSchema]),
  ood: OodMetricsSchema.nullable(),
  oodThreshold: z.number(),
  counts: z.object({ train: z.number(), validation: z.number(), test: z.number(), ood: z.number() }),
  /** What a person should know about the data of the run (rows left out, gaps, truncated documents). */
  notes: z.array(z.string()).optional(),
  conformal: ConformalSummarySchema.nullable().optional(),
  pacBayes: PacBayesSchema.nullable().optional(),
  spectrum: z.array(LayerSpectrumSchema).optional(),
  cost: RunCostSchema.optional()
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
  bestEpoch: z.number().int().nullable(),
  /** The last epoch of the run's training checkpoint (an unfinished run resumes after it); null when none. */
  checkpointEpoch: z.number().int().nullable()
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
  /**
   * Classification: the mutual information (a deterministic network: the entropy, as it has no
   * weight uncertainty); regression: the total predictive std.
   */
  oodScore: z.number(),
  oodFlag: z.boolean(),
  /** Names of the inputs that were missing and imputed. */
  imputed: z.array(z.string()),
  correct: z.boolean().nullable(),
  /** The document, for text records (Transformer runs). */
  text: z.string().optional(),
  /** Split-conformal interval (regression) at the run's conformal level. */
  conformalLower: z.number().optional(),
  conformalUpper: z.number().optional(),
  /** Split-conformal prediction set (classification): class labels. */
  conformalSet: z.array(z.string()).optional()
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

/** Curves of one run for the Compare view, computed from its stored test and OOD predictions. */
export const RunCurvesSchema = z.object({
  runId: z.number().int(),
  /** ROC of the OOD score, OOD positive. */
  oodRoc: z.object({ fpr: z.array(z.number()), tpr: z.array(z.number()) }).nullable(),
  /** Precision-recall of the OOD score, OOD positive. */
  oodPr: z.object({ recall: z.array(z.number()), precision: z.array(z.number()) }).nullable(),
  /** Classification: 15 equal-width bins of the confidence of the predicted class. */
  reliability: z
    .array(z.object({ confidence: z.number(), accuracy: z.number(), count: z.number().int() }))
    .nullable(),
  /** Risk (0-1 loss or absolute error) of the retained records against the fraction retained. */
  riskCoverage: z.object({ coverage: z.array(z.number()), risk: z.array(z.number()) }),
  /** Regression: observed coverage of the central interval at nominal levels 0.50..0.99. */
  coverageByLevel: z.array(z.object({ nominal: z.number(), observed: z.number() })).nullable()
});
export type RunCurves = z.infer<typeof RunCurvesSchema>;

/** The rank advisor's proposal for one weight matrix (METHOD.md section 7). */
export const RankAdviceSchema = z.object({
  layer: z.string(),
  rows: z.number().int(),
  cols: z.number().int(),
  singularValues: z.array(z.number()),
  energy: z.array(z.number()),
  /** The smallest r whose retained energy reaches the threshold. */
  proposedRank: z.number().int()
});
export type RankAdvice = z.infer<typeof RankAdviceSchema>;

export const RankAdviceResultSchema = z.object({
  threshold: z.number(),
  pretrainEpochs: z.number().int(),
  layers: z.array(RankAdviceSchema),
  /** The proposal as the run settings take it (MLP: one rank per matrix; LSTM: ih/hh; Transformer: one rank). */
  suggested: z.object({
    ranks: z.array(z.number().int()).optional(),
    rankIh: z.number().int().optional(),
    rankHh: z.number().int().optional(),
    rank: z.number().int().optional()
  })
});
export type RankAdviceResult = z.infer<typeof RankAdviceResultSchema>;

/** Analytic correlation of a slice of W = A B^T entries under the posterior (METHOD.md section 1). */
export const WeightCorrelationSchema = z.object({
  layer: z.string(),
  /** Entry (row i, column j) of each axis position, row-major over the slice. */
  entries: z.array(z.object({ i: z.number().int(), j: z.number().int() })),
  /** Correlation matrix, entries x entries. */
  matrix: z.array(z.array(z.number()))
});
export type WeightCorrelation = z.infer<typeof WeightCorrelationSchema>;
