import {
  ARCH_DEFAULTS,
  SeriesConfigSchema,
  TextConfigSchema,
  TrainConfigSchema
} from '@shared/domain/config';
import type { Arch, ColumnRole, Method, OodCondition, Task, TrainConfigInput } from '@shared/domain/config';
import type { DatasetDetail, RankAdviceResult, SampleInfo } from '@shared/domain/records';
import { headsProblem } from '../config/arch-param-counts';
import { fitRanks, parseHiddenLayers } from '../config/hidden-layers';
import { usesRank } from '../config/method-labels';
import { guessSeriesColumn, guessTimeColumn, textColumnOptions } from '../config/sequence-columns';

/** The documented defaults of a run, read from the schema itself so the form never drifts from it. */
const DEFAULTS = TrainConfigSchema.parse({ datasetId: 1, target: 'x' });
const DEFAULT_MIXTURE = { pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) };
const SERIES_DEFAULTS = SeriesConfigSchema.parse({ time: 't' });
const TEXT_DEFAULTS = TextConfigSchema.parse({ column: 'x' });

export type TaskChoice = Task | 'auto';
export type PriorKind = 'scale-mixture' | 'gaussian';

/**
 * The run being set up: the Data view fills in the dataset-side fields (target, roles, splits,
 * OOD), the Model view the rest. `toConfig()` turns it into a runs:start request.
 */
export class RunDraft {
  datasetId = $state<number | null>(null);
  name = $state('');
  target = $state('');
  task = $state<TaskChoice>('auto');
  /** Per-run overrides of the inferred column roles. */
  roles = $state<Record<string, ColumnRole>>({});
  oodWhere = $state<OodCondition[]>([]);
  oodDatasetId = $state<number | null>(null);
  validationFraction = $state(DEFAULTS.validationFraction);
  testFraction = $state(DEFAULTS.testFraction);

  /** The network, which also decides the kind of data: a table, a time series or text. */
  arch = $state<Arch>(DEFAULTS.arch);
  /** How the weights are learned (METHOD.md section 5). */
  method = $state<Method>(DEFAULTS.method);
  /** Deep ensemble: number of members. */
  members = $state(DEFAULTS.members);
  /** lr-svd: epochs of the deterministic pre-fit; defaults per architecture. */
  pretrainEpochs = $state(DEFAULTS.pretrainEpochs);
  /** Time series (LSTM): '' means not chosen (time) or none (series column). */
  seriesTime = $state('');
  seriesGroup = $state('');
  window = $state(SERIES_DEFAULTS.window);
  horizon = $state(SERIES_DEFAULTS.horizon);
  features = $state<string[]>([]);
  oodFrom = $state('');
  /** Text (Transformer). */
  textColumn = $state('');
  maxLen = $state(TEXT_DEFAULTS.maxLen);
  vocab = $state(TEXT_DEFAULTS.vocab);

  lstmHidden = $state(DEFAULTS.lstm.hidden);
  lstmLayers = $state(DEFAULTS.lstm.layers);
  rankIh = $state(DEFAULTS.lstm.rankIh);
  rankHh = $state(DEFAULTS.lstm.rankHh);
  dModel = $state(DEFAULTS.transformer.dModel);
  transformerLayers = $state(DEFAULTS.transformer.layers);
  heads = $state(DEFAULTS.transformer.heads);
  ff = $state(DEFAULTS.transformer.ff);
  transformerRank = $state(DEFAULTS.transformer.rank);

  hiddenText = $state(DEFAULTS.hidden.join(','));
  sameRank = $state(true);
  rankAll = $state(DEFAULTS.rank);
  ranks = $state<number[]>(fitRanks([], DEFAULTS.hidden.length + 1, DEFAULTS.rank));
  priorKind = $state<PriorKind>('scale-mixture');
  pi = $state(DEFAULT_MIXTURE.pi);
  sigma1 = $state(DEFAULT_MIXTURE.sigma1);
  sigma2 = $state(DEFAULT_MIXTURE.sigma2);
  sigma = $state(1);
  beta = $state(DEFAULTS.beta);
  epochs = $state(DEFAULTS.epochs);
  batchSize = $state(DEFAULTS.batchSize);
  lr = $state(DEFAULTS.lr);
  samples = $state(DEFAULTS.samples);
  seed = $state(DEFAULTS.seed);
  oodFalseAlarmRate = $state(DEFAULTS.oodFalseAlarmRate);
  patience = $state(DEFAULTS.patience);
  annealZeroEpochs = $state(DEFAULTS.annealZeroEpochs);
  annealRampEpochs = $state(DEFAULTS.annealRampEpochs);
  /** Nominal interval coverage in percent (the config carries the fraction). */
  intervalPercent = $state(Math.round(DEFAULTS.intervalLevel * 100));
  /** Nominal coverage of the conformal intervals and sets, in percent. */
  conformalPercent = $state(Math.round(DEFAULTS.conformalLevel * 100));

  /** Whether the rank fields mean anything for the chosen method. */
  readonly rankApplies = $derived(usesRank(this.method));

  /** Inputs per LSTM time step: the target's own history plus the feature columns. */
  readonly seriesInputDim = $derived(1 + this.features.length);
  readonly headsMessage = $derived(headsProblem(this.dModel, this.heads));

  readonly hidden = $derived(parseHiddenLayers(this.hiddenText));

  /** The ranks actually sent: one per weight matrix (hidden layers + output). */
  readonly effectiveRanks = $derived.by((): number[] => {
    const matrices = this.hidden.ok ? this.hidden.value.length + 1 : this.ranks.length;
    return this.sameRank
      ? Array.from({ length: matrices }, () => this.rankAll)
      : fitRanks(this.ranks, matrices, this.rankAll);
  });

  /** A new dataset starts from its own defaults: a sample's suggested target and ignored columns. */
  useDataset(detail: DatasetDetail, sample: SampleInfo | null): void {
    if (this.datasetId === detail.id) return;
    this.datasetId = detail.id;
    this.roles = {};
    this.oodWhere = [];
    this.task = 'auto';
    const names = detail.columns.map((c) => c.name);
    const suggested = sample?.suggested.target;
    this.target = suggested && names.includes(suggested) ? suggested : (names[names.length - 1] ?? '');
    // An id column is never learned from anyway, and keeping it lets a record be found in the file.
    for (const column of sample?.suggested.ignore ?? []) {
      const role = detail.columns.find((c) => c.name === column)?.role;
      if (role !== undefined && role !== 'id') this.roles[column] = 'ignore';
    }
    // An OOD dataset chosen for another dataset does not carry over, like its OOD conditions.
    this.oodDatasetId = null;
    this.seriesTime = guessTimeColumn(detail.columns);
    this.seriesGroup = this.seriesTime
      ? guessSeriesColumn(detail.columns, [this.target, this.seriesTime])
      : '';
    this.features = [];
    this.oodFrom = '';
    this.textColumn = textColumnOptions(detail.columns, {}).find((n) => n !== this.target) ?? '';
    this.applySuggestions(sample, names);
  }

  /** A sample's suggested network, columns and OOD conditions (when its file has those columns). */
  private applySuggestions(sample: SampleInfo | null, names: string[]): void {
    const suggested = sample?.suggested;
    if (!suggested) return;
    const arch = suggested.arch ?? 'mlp';
    if (arch !== this.arch) this.chooseArch(arch);
    if (suggested.time && names.includes(suggested.time)) this.seriesTime = suggested.time;
    if (suggested.group && names.includes(suggested.group)) this.seriesGroup = suggested.group;
    if (suggested.text && names.includes(suggested.text)) this.textColumn = suggested.text;
    this.oodWhere = (suggested.oodWhere ?? []).filter((c) => names.includes(c.column));
  }

  toggleFeature(column: string, on: boolean): void {
    const without = this.features.filter((f) => f !== column);
    this.features = on ? [...without, column] : without;
  }

  setRole(column: string, role: ColumnRole, inferred: ColumnRole): void {
    if (role === inferred) delete this.roles[column];
    else this.roles[column] = role;
  }

  /** Keeps the per-matrix inputs in step with the layer count while editing. */
  syncRanks(): void {
    if (this.hidden.ok) this.ranks = fitRanks(this.ranks, this.hidden.value.length + 1, this.rankAll);
  }

  addCondition(condition: OodCondition): void {
    this.oodWhere = [...this.oodWhere, condition];
  }

  removeCondition(index: number): void {
    this.oodWhere = this.oodWhere.filter((_, i) => i !== index);
  }

  /** The runs:start request, or the first problem a person must fix before training. */
  toConfig(): { ok: true; config: TrainConfigInput } | { ok: false; message: string } {
    if (this.datasetId === null) return { ok: false, message: 'Choose a dataset in the Data view first.' };
    if (!this.target) return { ok: false, message: 'Choose a target column in the Data view.' };
    const archPart = this.archConfig();
    if (!archPart.ok) return archPart;
    const config: TrainConfigInput = {
      datasetId: this.datasetId,
      target: this.target,
      roles: { ...this.roles },
      oodWhere: this.oodWhere.map((c) => ({ ...c })),
      method: this.method,
      ...archPart.config,
      prior:
        this.priorKind === 'gaussian'
          ? { kind: 'gaussian', sigma: this.sigma }
          : { kind: 'scale-mixture', pi: this.pi, sigma1: this.sigma1, sigma2: this.sigma2 },
      beta: this.beta,
      epochs: this.epochs,
      batchSize: this.batchSize,
      lr: this.lr,
      patience: this.patience,
      annealZeroEpochs: this.annealZeroEpochs,
      annealRampEpochs: this.annealRampEpochs,
      samples: this.samples,
      seed: this.seed,
      oodFalseAlarmRate: this.oodFalseAlarmRate,
      validationFraction: this.validationFraction,
      testFraction: this.testFraction,
      intervalLevel: this.intervalPercent / 100,
      conformalLevel: this.conformalPercent / 100
    };
    // Only the chosen method's own settings are sent; the others keep their documented defaults.
    if (this.method === 'ensemble') config.members = this.members;
    if (this.method === 'lr-svd') config.pretrainEpochs = this.pretrainEpochs;
    if (this.name.trim()) config.name = this.name.trim();
    if (this.task !== 'auto') config.task = this.task;
    // A time series holds out a series or a period; a second file is not offered for it.
    if (this.oodDatasetId !== null && this.arch !== 'lstm') config.oodDatasetId = this.oodDatasetId;
    const checked = TrainConfigSchema.safeParse(config);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const path = issue?.path.join('.') ?? '';
      return { ok: false, message: `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid settings'}` };
    }
    return { ok: true, config };
  }

  /**
   * Switches the network and resets the settings whose defaults depend on it (epochs, learning
   * rate, KL annealing, Monte Carlo samples: ARCH_DEFAULTS), so each network starts from its own defaults.
   */
  chooseArch(arch: Arch): void {
    this.arch = arch;
    const defaults = ARCH_DEFAULTS[arch];
    this.epochs = defaults.epochs;
    this.lr = defaults.lr;
    this.annealZeroEpochs = defaults.annealZeroEpochs;
    this.annealRampEpochs = defaults.annealRampEpochs;
    this.samples = defaults.samples;
    this.pretrainEpochs = defaults.pretrainEpochs;
  }

  /** Takes the rank advisor's proposal into the rank fields of the current network. */
  applyRankAdvice(suggested: RankAdviceResult['suggested']): void {
    if (suggested.rankIh !== undefined) this.rankIh = suggested.rankIh;
    if (suggested.rankHh !== undefined) this.rankHh = suggested.rankHh;
    if (suggested.rank !== undefined) this.transformerRank = suggested.rank;
    const ranks = suggested.ranks;
    if (ranks && ranks.length > 0) {
      const first = ranks[0] ?? this.rankAll;
      this.sameRank = ranks.every((r) => r === first);
      this.rankAll = first;
      this.ranks = [...ranks];
    }
  }

  /** The architecture's own fields of the request; only the chosen network's section is sent. */
  private archConfig(): { ok: true; config: Partial<TrainConfigInput> } | { ok: false; message: string } {
    if (this.arch === 'lstm') {
      if (!this.seriesTime) return { ok: false, message: 'Choose the time column in the Data view.' };
      if (this.seriesTime === this.target)
        return { ok: false, message: 'The time column cannot be the target.' };
      if (this.seriesGroup && [this.target, this.seriesTime].includes(this.seriesGroup))
        return { ok: false, message: 'The series column must differ from the target and the time column.' };
      const excluded = [this.target, this.seriesTime, this.seriesGroup];
      const series: NonNullable<TrainConfigInput['series']> = {
        time: this.seriesTime,
        window: this.window,
        horizon: this.horizon,
        features: this.features.filter((f) => !excluded.includes(f))
      };
      if (this.seriesGroup) series.group = this.seriesGroup;
      if (this.oodFrom.trim()) series.oodFrom = this.oodFrom.trim();
      return {
        ok: true,
        config: {
          arch: 'lstm',
          series,
          lstm: { hidden: this.lstmHidden, layers: this.lstmLayers, rankIh: this.rankIh, rankHh: this.rankHh }
        }
      };
    }
    if (this.arch === 'transformer') {
      if (!this.textColumn) return { ok: false, message: 'Choose the text column in the Data view.' };
      if (this.textColumn === this.target)
        return { ok: false, message: 'The text column cannot be the label column.' };
      if (this.headsMessage) return { ok: false, message: this.headsMessage };
      return {
        ok: true,
        config: {
          arch: 'transformer',
          text: { column: this.textColumn, maxLen: this.maxLen, vocab: this.vocab },
          transformer: {
            dModel: this.dModel,
            layers: this.transformerLayers,
            heads: this.heads,
            ff: this.ff,
            rank: this.transformerRank
          }
        }
      };
    }
    if (!this.hidden.ok) return { ok: false, message: `Hidden layers: ${this.hidden.message}` };
    return {
      ok: true,
      config: {
        arch: 'mlp',
        hidden: [...this.hidden.value],
        ranks: [...this.effectiveRanks],
        rank: this.rankAll
      }
    };
  }
}
