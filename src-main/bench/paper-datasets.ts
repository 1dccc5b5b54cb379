import type { Method, TrainConfigInput } from '@shared/domain/config';
import type { SampleInfo } from '@shared/domain/records';

/** The three bundled samples the paper benchmark trains on, one per architecture (METHOD.md section 8). */
export type PaperDatasetId = 'clinical' | 'weather' | 'spam';

/** One benchmark dataset: a bundled sample, its out-of-distribution split and its paper analogue. */
export interface PaperDataset {
  id: PaperDatasetId;
  title: string;
  /** The sample to learn from (src-main/data/samples.ts). */
  sampleId: string;
  /** A second sample whose every row is out-of-distribution (the clinical cohort shift). */
  oodSampleId?: string;
  /** What the OOD set is, in words, for the tables. */
  oodLabel: string;
  /** The row of METHOD.md section 8 this dataset stands in for. */
  paperData: string;
}

export const PAPER_DATASETS: readonly PaperDataset[] = [
  {
    id: 'clinical',
    title: 'Breast cancer, Rotterdam (MLP, binary: event_3y)',
    sampleId: 'rotterdam',
    oodSampleId: 'gbsg',
    oodLabel: 'the GBSG trial cohort',
    paperData: 'MIMIC-III (MLP)'
  },
  {
    id: 'weather',
    title: 'Daily weather, Seattle (LSTM, regression: next-day temp_max)',
    sampleId: 'weather',
    oodLabel: 'the New York series',
    paperData: 'Beijing PM2.5 (LSTM)'
  },
  {
    id: 'spam',
    title: 'E-mail spam, SpamAssassin (Transformer, binary: label)',
    sampleId: 'spam',
    oodLabel: 'the later collections easy-ham-2 and spam-2',
    paperData: 'SST-2 (Transformer)'
  }
];

/** The low-rank model first, then every baseline of METHOD.md section 5. */
export const PAPER_METHODS: readonly Method[] = [
  'sbnn',
  'bbb',
  'ensemble',
  'deterministic',
  'lr-svd',
  'rank1'
];

/** Members of the deep ensemble (METHOD.md section 5: M = 5). */
export const ENSEMBLE_MEMBERS = 5;

/** How the tables and sentences name each method (the paper's names). */
export const PAPER_METHOD_LABELS: Record<Method, string> = {
  sbnn: 'low-rank (SBNN)',
  bbb: 'full-rank BBB',
  ensemble: `deep ensemble (${ENSEMBLE_MEMBERS})`,
  deterministic: 'deterministic',
  'lr-svd': 'LR-SVD',
  rank1: 'rank-1'
};

/** The ranks of the clinical rank sweep (METHOD.md section 7: the bound against r). */
export const SWEEP_RANKS: readonly number[] = [2, 4, 8, 16, 32];

/** Per-dataset settings of one benchmark mode; an absent value is the app's default (ARCH_DEFAULTS). */
export interface PaperDatasetSettings {
  epochs?: number;
  samples?: number;
  pretrainEpochs?: number;
  /** Documents kept by a stratified subsample (paper-subsample.ts), or null for the whole file. */
  subsample: { rows: number; stratifyBy: string } | null;
}

export interface PaperSettings {
  quick: boolean;
  seeds: number;
  datasets: Record<PaperDatasetId, PaperDatasetSettings>;
}

/** Seeds when --seeds is not given: three for the tables' spread, one for the quick check. */
export const DEFAULT_SEEDS = { full: 3, quick: 1 } as const;

/**
 * The quick mode's settings, chosen so that all three datasets and the rank sweep train within 20
 * minutes on 2 CPU cores (docs/benchmarks.md gives the measured time): fewer epochs and fewer
 * prediction samples everywhere, and the Transformer on 1,200 of the 6,046 e-mails, stratified by
 * collection so the in-distribution and OOD collections keep their shares.
 */
const QUICK: Record<PaperDatasetId, PaperDatasetSettings> = {
  clinical: { epochs: 30, samples: 30, pretrainEpochs: 10, subsample: null },
  weather: { epochs: 15, samples: 30, pretrainEpochs: 5, subsample: null },
  spam: { epochs: 3, samples: 6, pretrainEpochs: 1, subsample: { rows: 1200, stratifyBy: 'collection' } }
};

/** The full mode trains with the app's defaults per architecture, on every row. */
const FULL: Record<PaperDatasetId, PaperDatasetSettings> = {
  clinical: { subsample: null },
  weather: { subsample: null },
  spam: { subsample: null }
};

export function paperSettings(quick: boolean, seeds: number | undefined): PaperSettings {
  return {
    quick,
    seeds: seeds ?? (quick ? DEFAULT_SEEDS.quick : DEFAULT_SEEDS.full),
    datasets: quick ? QUICK : FULL
  };
}

/** A run configuration without its datasets. */
export type PaperConfig = Omit<TrainConfigInput, 'datasetId' | 'oodDatasetId'>;

/**
 * The configuration of one benchmark run: the sample's suggested set-up (target, ignored columns,
 * architecture, time or text column, OOD rows), the mode's settings, the method and the seed.
 */
export function paperRunConfig(
  sample: SampleInfo,
  settings: PaperDatasetSettings,
  method: Method,
  seed: number
): PaperConfig {
  const s = sample.suggested;
  const arch = s.arch ?? 'mlp';
  const config: PaperConfig = {
    target: s.target,
    ignore: s.ignore,
    oodWhere: s.oodWhere ?? [],
    arch,
    method,
    seed,
    members: ENSEMBLE_MEMBERS,
    epochs: settings.epochs,
    samples: settings.samples,
    pretrainEpochs: settings.pretrainEpochs
  };
  if (arch === 'lstm' && s.time) config.series = { time: s.time, group: s.group };
  if (arch === 'transformer' && s.text) config.text = { column: s.text };
  return config;
}
