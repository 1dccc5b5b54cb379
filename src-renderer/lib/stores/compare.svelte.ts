import type { ContractClient } from '@shared/contract/channels';
import type { ErrorInfo } from '@shared/contract/errors';
import type { TrainConfigInput } from '@shared/domain/config';
import type { RunCurves, RunDetail } from '@shared/domain/records';
import { describeError } from '../client/client-error';

/** runs:compare takes at most this many runs. */
export const MAX_COMPARED = 12;

/**
 * The Compare view's state: which finished runs are compared (the Runs view's checkboxes share
 * it), their details and curves, and the rank sweep started from here with its live progress.
 */
export class CompareStore {
  selected = $state<number[]>([]);
  runs = $state<RunDetail[]>([]);
  curves = $state<RunCurves[]>([]);
  loading = $state(false);
  error = $state<ErrorInfo | null>(null);
  /** Runs of the last sweep started here, in rank order. */
  sweepRunIds = $state<number[]>([]);
  sweepRanks = $state<number[]>([]);
  sweepStarting = $state(false);
  sweepError = $state<ErrorInfo | null>(null);
  /** Training progress (0..1) of the sweep's runs, from run:progress events. */
  sweepProgress = $state<Record<number, number>>({});
  /** Whether the ended sweep's runs were put in the comparison (once, so a later choice stands). */
  sweepCompared = $state(false);
  private generation = 0;

  constructor(private readonly client: ContractClient) {
    client.on('run:progress', (p) => {
      if (this.sweepRunIds.includes(p.runId)) this.sweepProgress[p.runId] = p.fraction;
    });
  }

  isSelected(runId: number): boolean {
    return this.selected.includes(runId);
  }

  toggle(runId: number, on: boolean): void {
    const without = this.selected.filter((id) => id !== runId);
    this.selected = on ? [...without, runId].slice(-MAX_COMPARED) : without;
  }

  async show(runIds: readonly number[]): Promise<void> {
    this.selected = runIds.filter((id, i) => runIds.indexOf(id) === i).slice(0, MAX_COMPARED);
    await this.load();
  }

  /** Fetches the selected runs side by side; the newest request wins. */
  async load(): Promise<void> {
    const generation = ++this.generation;
    if (this.selected.length === 0) {
      this.runs = [];
      this.curves = [];
      this.error = null;
      return;
    }
    this.loading = true;
    try {
      const result = await this.client.invoke('runs:compare', { runIds: [...this.selected] });
      if (generation !== this.generation) return;
      this.runs = result.runs;
      this.curves = result.curves;
      this.error = null;
    } catch (err) {
      if (generation === this.generation) this.error = describeError(err);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  async startSweep(config: TrainConfigInput, ranks: number[]): Promise<boolean> {
    this.sweepStarting = true;
    this.sweepError = null;
    try {
      const { runIds } = await this.client.invoke('runs:sweep', { config, ranks });
      this.sweepRunIds = runIds;
      this.sweepRanks = [...ranks];
      this.sweepProgress = {};
      this.sweepCompared = false;
      return true;
    } catch (err) {
      this.sweepError = describeError(err);
      return false;
    } finally {
      this.sweepStarting = false;
    }
  }
}
