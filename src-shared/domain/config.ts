import { z } from 'zod';

/** What a run learns to predict. */
export const TaskSchema = z.enum(['binary', 'multiclass', 'regression']);
export type Task = z.infer<typeof TaskSchema>;

/** How a column is used. `ignore` drops it; `id` is carried through to the outputs but never learned from. */
export const ColumnRoleSchema = z.enum(['numeric', 'categorical', 'id', 'text', 'ignore']);
export type ColumnRole = z.infer<typeof ColumnRoleSchema>;

export const ArchSchema = z.enum(['mlp', 'lstm', 'transformer']);
export type Arch = z.infer<typeof ArchSchema>;

/**
 * How the weights are learned (METHOD.md section 5): the low-rank posterior (sbnn), its SVD-initialized
 * variant (lr-svd), and the baselines: full-rank Bayes by Backprop (bbb), rank-1 multiplicative
 * (rank1), one deterministic network, and a deep ensemble of `members` deterministic networks.
 */
export const MethodSchema = z.enum(['sbnn', 'lr-svd', 'bbb', 'rank1', 'deterministic', 'ensemble']);
export type Method = z.infer<typeof MethodSchema>;

/** Methods with a posterior over weights (a KL term, a PAC-Bayes bound). */
export const BAYESIAN_METHODS: readonly Method[] = ['sbnn', 'lr-svd', 'bbb', 'rank1'];

/** Methods whose weight matrices are low-rank factors, for which --rank / --ranks apply. */
export const LOW_RANK_METHODS: readonly Method[] = ['sbnn', 'lr-svd'];

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
 * Time series (LSTM): sliding windows of `window` past steps predict the target `horizon` steps
 * ahead, within each series of `group` (e.g. a location), ordered by `time`.
 */
export const SeriesConfigSchema = z.object({
  time: z.string().min(1).max(200),
  group: z.string().min(1).max(200).optional(),
  window: positiveInt(1000).default(14),
  horizon: positiveInt(1000).default(1),
  /** Input columns besides the target's own history. */
  features: z.array(z.string().max(200)).max(200).default([]),
  /** Windows whose target time is at or after this value (a date or a number) are out-of-distribution. */
  oodFrom: z.string().max(100).optional()
});
export type SeriesConfig = z.infer<typeof SeriesConfigSchema>;

/** Low-rank LSTM (METHOD.md section 3): W_ih and W_hh with their own ranks; paper: H 64, 2 layers, r 14 / 20. */
export const LstmConfigSchema = z.object({
  hidden: positiveInt(2048).default(64),
  layers: positiveInt(4).default(2),
  rankIh: positiveInt(4096).default(14),
  rankHh: positiveInt(4096).default(20)
});
export type LstmConfig = z.infer<typeof LstmConfigSchema>;
export const DEFAULT_LSTM: LstmConfig = { hidden: 64, layers: 2, rankIh: 14, rankHh: 20 };

/** Text classification (Transformer): the column holding the documents, and tokenization limits. */
export const TextConfigSchema = z.object({
  column: z.string().min(1).max(200),
  /** Tokens per document, [CLS] included (paper: 64). */
  maxLen: positiveInt(4096).default(64),
  vocab: z.number().int().min(16).max(200_000).default(8000)
});
export type TextConfig = z.infer<typeof TextConfigSchema>;

/** Low-rank Transformer encoder (METHOD.md section 3); defaults sized to train in minutes on 2 CPU cores. */
export const TransformerConfigSchema = z.object({
  dModel: positiveInt(4096).default(64),
  layers: positiveInt(12).default(2),
  heads: positiveInt(64).default(4),
  ff: positiveInt(16_384).default(128),
  rank: positiveInt(4096).default(8)
});
export type TransformerConfig = z.infer<typeof TransformerConfigSchema>;
export const DEFAULT_TRANSFORMER: TransformerConfig = { dModel: 64, layers: 2, heads: 4, ff: 128, rank: 8 };

/**
 * Everything that defines a training run. Every field has a default so that a run can be started
 * from a dataset and a target alone; the defaults are the app's documented defaults.
 */
const TrainConfigObject = z.object({
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
  /** Deep ensemble: number of deterministic members (METHOD.md section 5: 5). */
  members: positiveInt(32).default(5),
  /** lr-svd: epochs of the deterministic pre-fit whose SVD initializes the factors; defaults per architecture. */
  pretrainEpochs: positiveInt(10_000).optional(),
  hidden: z.array(positiveInt(4096)).max(8).default([128, 128]),
  /** One rank per weight matrix (hidden.length + 1 of them); `rank` applies to all when absent. */
  ranks: z.array(positiveInt(4096)).max(9).optional(),
  rank: positiveInt(4096).default(8),
  prior: PriorSchema.default(DEFAULT_PRIOR),
  /** KL weight = beta / N_train; beta = 1 is the true ELBO (METHOD.md section 2). */
  beta: z.number().min(0).max(1000).default(1),
  /** Defaults per architecture: ARCH_DEFAULTS. */
  epochs: positiveInt(10_000).optional(),
  batchSize: positiveInt(65_536).default(64),
  /** Adam learning rate; defaults per architecture: ARCH_DEFAULTS. */
  lr: z.number().positive().max(1).optional(),
  /** Early stopping: epochs without a better validation loss before stopping. */
  patience: positiveInt(10_000).default(15),
  /** KL annealing: beta_t = 0 for this many epochs, then a linear ramp to beta over annealRampEpochs. */
  annealZeroEpochs: z.number().int().min(0).max(10_000).optional(),
  annealRampEpochs: z.number().int().min(0).max(10_000).optional(),
  /** Monte Carlo weight samples for prediction (METHOD.md section 4). */
  samples: positiveInt(10_000).optional(),
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
  intervalLevel: z.number().gt(0.5).lt(1).default(0.95),
  /** Nominal coverage of the split-conformal intervals and prediction sets (calibrated on validation). */
  conformalLevel: z.number().gt(0.5).lt(1).default(0.9),
  /** Required when arch is 'lstm'. */
  series: SeriesConfigSchema.optional(),
  lstm: LstmConfigSchema.default(DEFAULT_LSTM),
  /** Required when arch is 'transformer'. */
  text: TextConfigSchema.optional(),
  transformer: TransformerConfigSchema.default(DEFAULT_TRANSFORMER)
});

/** The settings whose defaults depend on the architecture. */
export interface ArchDefaults {
  epochs: number;
  lr: number;
  annealZeroEpochs: number;
  annealRampEpochs: number;
  samples: number;
  /** lr-svd's deterministic pre-fit. */
  pretrainEpochs: number;
}

/**
 * Defaults per architecture. The MLP and the LSTM use METHOD.md's (Adam at 1e-3, 100 Monte Carlo
 * samples, KL annealing over 2 + 10 epochs), except that (ours) the LSTM steps at 3e-3: with
 * about a thousand windows an epoch is a dozen steps, and at 1e-3 it stops at the persistence
 * forecast within 100 epochs. (ours) The Transformer's are sized so that the text sample
 * trains and scores its ~3,800 documents within minutes on 2 CPU cores: its epochs are long and
 * each weight sample costs a full pass over every document, so it trains 8 epochs with a shorter
 * annealing and predicts with 30 samples. Every one of them can be set per run.
 */
export const ARCH_DEFAULTS: Record<Arch, ArchDefaults> = {
  mlp: { epochs: 100, lr: 1e-3, annealZeroEpochs: 2, annealRampEpochs: 10, samples: 100, pretrainEpochs: 20 },
  lstm: {
    epochs: 100,
    lr: 3e-3,
    annealZeroEpochs: 2,
    annealRampEpochs: 10,
    samples: 100,
    pretrainEpochs: 20
  },
  transformer: {
    epochs: 8,
    lr: 1e-3,
    annealZeroEpochs: 1,
    annealRampEpochs: 3,
    samples: 30,
    pretrainEpochs: 2
  }
};

export const TrainConfigSchema = TrainConfigObject.superRefine((config, ctx) => {
  if (config.arch === 'lstm' && !config.series) {
    ctx.addIssue({
      code: 'custom',
      path: ['series'],
      message: 'the LSTM needs a time column (series.time, --time COL)'
    });
  }
  if (config.arch === 'transformer' && !config.text) {
    ctx.addIssue({
      code: 'custom',
      path: ['text'],
      message: 'the Transformer needs a text column (text.column, --text COL)'
    });
  }
  if (config.transformer.dModel % config.transformer.heads !== 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['transformer', 'heads'],
      message: 'd_model must be a multiple of the number of heads'
    });
  }
}).transform((config) => {
  const defaults = ARCH_DEFAULTS[config.arch];
  return {
    ...config,
    epochs: config.epochs ?? defaults.epochs,
    lr: config.lr ?? defaults.lr,
    annealZeroEpochs: config.annealZeroEpochs ?? defaults.annealZeroEpochs,
    annealRampEpochs: config.annealRampEpochs ?? defaults.annealRampEpochs,
    samples: config.samples ?? defaults.samples,
    pretrainEpochs: config.pretrainEpochs ?? defaults.pretrainEpochs
  };
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
