import type { ContractClient, RunProgress } from '@shared/contract/channels';
import type { ErrorInfo } from '@shared/contract/errors';
import type { TrainConfigInput } from '@shared/domain/config';
import type { RunDetail, RunStatus, RunSummary } from '@shared/domain/records';
import { describeError } from '../client/client-error';

/** One point of the live loss curves. */
export interface CurvePoint {
  epoch: number;
  loss: number;
  nll: number;
  kl: number;
  valLoss: number | null;
}

/** Fallback refresh while a run is active, in case the event stream dropped some events. */
const ACTIVE_POLL_MS = 3000;

export function isActive(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** Saved runs, the run open in Training/Results/Records, and its live progress. */
export class RunsStore {
  list = $state<RunSummary[]>([]);
  activeId = $state<number | null>(null);
  detail = $state<RunDetail | null>(null);
  progress = $state<RunProgress | null>(null);
  curve = $state<CurvePoint[]>([]);
  startError = $state<ErrorInfo | null>(null);
  actionError = $state<ErrorInfo | null>(null);
  starting = $state(false);
  private pollTimer: ReturnType<typeof setTimeout> | null = null;

  readonly active = $derived(this.list.find((r) => r.id === this.activeId) ?? null);
  readonly activeStatus = $derived<RunStatus | null>(this.detail?.status ?? this.active?.status ?? null);

  constructor(private readonly client: ContractClient) {
    client.on('run:progress', (p) => this.onProgress(p));
    client.on('run:status', (s) => this.onStatus(s.runId, s.status, s.error));
  }

  async refresh(): Promise<void> {
    try {
      this.list = await this.client.invoke('runs:list', {});
    } catch (err) {
      this.actionError = describeError(err);
    }
  }

  async start(config: TrainConfigInput): Promise<number | null> {
    this.starting = true;
    this.startError = null;
    try {
      const { runId } = await this.client.invoke('runs:start', config);
      this.curve = [];
      this.progress = null;
      this.activeId = runId;
      this.detail = null;
      await this.refresh();
      await this.loadDetail(runId);
      return runId;
    } catch (err) {
      this.startError = describeError(err);
      return null;
    } finally {
      this.starting = false;
    }
  }

  async open(runId: number): Promise<void> {
    if (this.activeId !== runId) {
      this.activeId = runId;
      this.detail = null;
      this.progress = null;
      this.curve = [];
    }
    await this.loadDetail(runId);
  }

  async cancel(): Promise<void> {
    if (this.activeId === null) return;
    try {
      await this.client.invoke('runs:cancel', { runId: this.activeId });
      this.actionError = null;
    } catch (err) {
      this.actionError = describeError(err);
    }
  }

  /**
   * Continues an interrupted or cancelled run from its last checkpoint and opens it; the epochs
   * after the checkpoint are trained again, so the curve restarts from the stored ones.
   */
  async resume(runId: number): Promise<boolean> {
    try {
      await this.client.invoke('runs:resume', { runId });
      this.actionError = null;
      this.activeId = runId;
      this.detail = null;
      this.progress = null;
      this.curve = [];
      await this.refresh();
      await this.loadDetail(runId);
      return true;
    } catch (err) {
      this.actionError = describeError(err);
      return false;
    }
  }

  async remove(runId: number): Promise<void> {
    try {
      await this.client.invoke('runs:delete', { runId });
      this.actionError = null;
      if (this.activeId === runId) {
        this.activeId = null;
        this.detail = null;
        this.progress = null;
        this.curve = [];
      }
      await this.refresh();
    } catch (err) {
      this.actionError = describeError(err);
    }
  }

  private async loadDetail(runId: number): Promise<void> {
    try {
      const detail = await this.client.invoke('runs:get', { runId });
      if (this.activeId !== runId) return;
      this.detail = detail;
      this.actionError = null;
      if (detail.epochs.length >= this.curve.length) {
        this.curve = detail.epochs.map((e) => ({
          epoch: e.epoch,
          loss: e.loss,
          nll: e.nll,
          kl: e.kl,
          valLoss: e.valLoss
        }));
      }
      this.schedulePoll(detail.status);
    } catch (err) {
      this.actionError = describeError(err);
    }
  }

  private schedulePoll(status: RunStatus): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    const runId = this.activeId;
    if (runId === null || !isActive(status)) return;
    this.pollTimer = setTimeout(() => {
      void this.refresh();
      void this.loadDetail(runId);
    }, ACTIVE_POLL_MS);
  }

  private onProgress(p: RunProgress): void {
    const entry = this.list.find((r) => r.id === p.runId);
    if (entry && entry.status !== 'running') entry.status = 'running';
    if (p.runId !== this.activeId) return;
    this.progress = p;
    if (this.detail && this.detail.status !== 'running') this.detail.status = 'running';
    if (p.loss === null || p.nll === null || p.kl === null || p.epoch < 1) return;
    const point: CurvePoint = { epoch: p.epoch, loss: p.loss, nll: p.nll, kl: p.kl, valLoss: p.valLoss };
    const last = this.curve[this.curve.length - 1];
    if (last && last.epoch === p.epoch) this.curve[this.curve.length - 1] = point;
    else if (!last || last.epoch < p.epoch) this.curve.push(point);
  }

  private onStatus(runId: number, status: RunStatus, error: string | null): void {
    const entry = this.list.find((r) => r.id === runId);
    if (entry) {
      entry.status = status;
      entry.error = error;
    } else {
      void this.refresh();
    }
    if (runId !== this.activeId) return;
    if (this.detail) {
      this.detail.status = status;
      this.detail.error = error;
    }
    if (!isActive(status)) {
      void this.refresh();
      void this.loadDetail(runId);
    }
  }
}
