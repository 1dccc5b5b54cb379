import { z } from 'zod';

/** What a run learns to predict. */
export const TaskSchema = z.enum(['binary', 'multiclass', 'regression']);
export type Task = z.infer<typeof TaskSchema>;

/** How a column is used. `ignore` drops it; `id` is carried through to the outputs but never learned from. */
export const ColumnRoleSchema = z.enum(['numeric', 'categorical', 'id', 'text', 'ignore']);
export type ColumnRole = z.infer<typeof ColumnRoleSchema>;

export const ArchSchema = z.enum(['mlp']);
export type Arch = z.infer<typeof ArchSchema>;

export const MethodSchema = z.enum(['sbnn']);
export type Method = z.infer<typeof MethodSchema>;

/**
 * Prior on every factor entry (METHOD.md section 2). Standard deviations, not variances.
 * Defaults: pi = 0.5, sigma1 = 1, sigma2 = e^-6.
 */
export const PriorSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('scale-mixture'),
    pi: z.number().gt(0).lt(1).default(0.5),
    sigma1: z.number().positive().default(1),
    sigma2: z.number().positive().default(Math.exp(-6))
  }),
  z.object({ kind: z.literal('gaussian'), sigma: z.number().positive().default(1) })
]);
export type PriorConfig = z.infer<typeof PriorSchema>;

export const DEFAULT_PRIOR: PriorConfig = { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) };

export const OodConditionSchema = z.object({
  column: z.string().min(1).max(200),
  value: z.string().max(1000)
});
export type OodCondition = z.infer<typeof OodConditionSchema>;

const positiveInt = (max: number) => z.number().int().min(1).max(max);

/**
 * Everything that defines a training run. Every field has a default so that a run can be started
 * from a dataset and a target alone; the defaults are the app's documented defaults.
 */
export const TrainConfigSchema = z.object({
  name: z.string().max(200).optional(),
  datasetId: z.number().int().positive(),
  /** A second dataset whose every row is out-of-distribution (e.g. a shifted cohort). */
  oodDatasetId: z.number().int().positive().optional(),
  target: z.string().min(1).max(200),
  /** Detected from the target column when absent. */
  task: TaskSchema.optional(),
  /** Overrides of the inferred column roles, by column name. */
  roles: z.record(z.string().max(200), ColumnRoleSchema).default({}),
  ignore: z.array(z.string().max(200)).max(1000).default([]),
  /** Rows matching any condition are out-of-distribution and never trained on. */
  oodWhere: z.array(OodConditionSchema).max(50).default([]),
  arch: ArchSchema.default('mlp'),
  method: MethodSchema.default('sbnn'),
  hidden: z.array(positiveInt(4096)).max(8).default([128, 128]),
  /** One rank per weight matrix (hidden.length + 1 of them); `rank` applies to all when absent. */
  ranks: z.array(positiveInt(4096)).max(9).optional(),
  rank: positiveInt(4096).default(8),
  prior: PriorSchema.default(DEFAULT_PRIOR),
  /** KL weight = beta / N_train; beta = 1 is the true ELBO (METHOD.md section 2). */
  beta: z.number().min(0).max(1000).default(1),
  epochs: positiveInt(10_000).default(100),
  batchSize: positiveInt(65_536).default(64),
  lr: z.number().positive().max(1).default(1e-3),
  /** Early stopping: epochs without a better validation loss before stopping. */
  patience: positiveInt(10_000).default(15),
  /** KL annealing: beta_t = 0 for this many epochs, then a linear ramp to beta over annealRampEpochs. */
  annealZeroEpochs: z.number().int().min(0).max(10_000).default(2),
  annealRampEpochs: z.number().int().min(0).max(10_000).default(10),
  /** Monte Carlo weight samples for prediction (METHOD.md section 4). */
  samples: positiveInt(10_000).default(100),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  /** Fraction of held-out in-distribution records allowed to be flagged as OOD (the threshold's false-alarm rate). */
  oodFalseAlarmRate: z.number().gt(0).lt(1).default(0.05),
  validationFraction: z.number().gt(0).lt(0.5).default(0.15),
  testFraction: z.number().gt(0).lt(0.5).default(0.15),
  /** Nominal coverage of the predictive interval. */
  intervalLevel: z.number().gt(0.5).lt(1).default(0.95)
});
export type TrainConfig = z.infer<typeof TrainConfigSchema>;
export type TrainConfigInput = z.input<typeof TrainConfigSchema>;

/** The ranks per weight matrix of an MLP config, resolving `rank` when `ranks` is absent. */
export function resolveRanks(config: Pick<TrainConfig, 'hidden' | 'ranks' | 'rank'>): number[] {
  const layers = config.hidden.length + 1;
  if (config.ranks) {
    if (config.ranks.length !== layers) {
      throw new Error(
        `--ranks needs ${layers} values (one per weight matrix: ${config.hidden.length} hidden layers + the output), got ${config.ranks.length}.`
      );
    }
    return [...config.ranks];
  }
  return Array.from({ length: layers }, () => config.rank);
}
