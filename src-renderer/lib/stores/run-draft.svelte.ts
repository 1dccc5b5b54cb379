import { TrainConfigSchema } from '@shared/domain/config';
import type { ColumnRole, OodCondition, Task, TrainConfigInput } from '@shared/domain/config';
import type { DatasetDetail, SampleInfo } from '@shared/domain/records';
import { fitRanks, parseHiddenLayers } from '../config/hidden-layers';

/** The documented defaults of a run, read from the schema itself so the form never drifts from it. */
const DEFAULTS = TrainConfigSchema.parse({ datasetId: 1, target: 'x' });
const DEFAULT_MIXTURE = { pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) };

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
    if (this.oodDatasetId === detail.id) this.oodDatasetId = null;
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
    if (!this.hidden.ok) return { ok: false, message: `Hidden layers: ${this.hidden.message}` };
    const config: TrainConfigInput = {
      datasetId: this.datasetId,
      target: this.target,
      roles: { ...this.roles },
      oodWhere: this.oodWhere.map((c) => ({ ...c })),
      arch: 'mlp',
      method: 'sbnn',
      hidden: [...this.hidden.value],
      ranks: [...this.effectiveRanks],
      rank: this.rankAll,
      prior:
        this.priorKind === 'gaussian'
          ? { kind: 'gaussian', sigma: this.sigma }
          : { kind: 'scale-mixture', pi: this.pi, sigma1: this.sigma1, sigma2: this.sigma2 },
      beta: this.beta,
      epochs: this.epochs,
      batchSize: this.batchSize,
      lr: this.lr,
      samples: this.samples,
      seed: this.seed,
      oodFalseAlarmRate: this.oodFalseAlarmRate,
      validationFraction: this.validationFraction,
      testFraction: this.testFraction
    };
    if (this.name.trim()) config.name = this.name.trim();
    if (this.task !== 'auto') config.task = this.task;
    if (this.oodDatasetId !== null) config.oodDatasetId = this.oodDatasetId;
    const checked = TrainConfigSchema.safeParse(config);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const path = issue?.path.join('.') ?? '';
      return { ok: false, message: `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid settings'}` };
    }
    return { ok: true, config };
  }
}
