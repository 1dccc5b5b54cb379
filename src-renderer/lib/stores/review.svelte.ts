import type { ChannelInput, ChannelOutput, ContractClient } from '@shared/contract/channels';
import type { ErrorInfo } from '@shared/contract/errors';
import type { ReviewItem, ReviewNote, ReviewQueue } from '@shared/domain/review';
import { describeError } from '../client/client-error';
import { canSave, draftOf } from '../review/review-draft';
import type { ReviewDraft } from '../review/review-draft';
import type { ReviewStatus } from '../review/queue-size';
import { parseWidthThreshold } from '../review/width-threshold';
import { PagedList } from './paged-list.svelte';

/** The slider moves freely; the queue is asked again once it rests this long. */
const RELOAD_DELAY_MS = 250;

export function reviewKey(item: Pick<ReviewItem, 'split' | 'rowIndex'>): string {
  return `${item.split}:${item.rowIndex}`;
}

/**
 * The review queue of the open run: its filters, one page of records, the selected record's form
 * and audit trail. Drafts are kept per record, so moving through the queue loses no typing.
 */
export class ReviewQueueStore extends PagedList<ReviewItem, ChannelOutput<'review:queue'>> {
  runId = $state<number | null>(null);
  referPercent = $state(10);
  includeOod = $state(true);
  /** The "interval wider than" field as typed; see widthAbove. */
  widthText = $state('');
  /** The interval width above which a record is queued: null for none, undefined when mistyped. */
  readonly widthAbove = $derived(parseWidthThreshold(this.widthText));
  status = $state<ReviewStatus>('all');
  counts = $state<ReviewQueue['counts'] | null>(null);
  retention = $state<ReviewQueue['retention'] | null>(null);
  drafts = $state<Record<string, ReviewDraft>>({});
  history = $state<ReviewNote[]>([]);
  historyError = $state<ErrorInfo | null>(null);
  saving = $state(false);
  saveError = $state<ErrorInfo | null>(null);
  exporting = $state(false);
  exportError = $state<ErrorInfo | null>(null);
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  private historyFor: string | null = null;

  /** The form of the selected record: its draft, or its current note. */
  readonly draft = $derived<ReviewDraft>(
    this.current ? (this.drafts[reviewKey(this.current)] ?? draftOf(this.current.review)) : draftOf(null)
  );
  readonly saveable = $derived(this.current !== null && canSave(this.draft, this.current.review));

  constructor(private readonly client: ContractClient) {
    super();
  }

  /** Opens another run's queue at its first page; the previous run's drafts and trail go. */
  async open(runId: number): Promise<void> {
    if (this.runId !== runId) {
      this.runId = runId;
      this.drafts = {};
      this.history = [];
      this.historyFor = null;
      this.counts = null;
      this.retention = null;
    }
    await this.reset();
  }

  /** Filters changed: the queue is asked again after a short rest (the slider fires on every step). */
  filtersChanged(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      void this.reset();
    }, RELOAD_DELAY_MS);
  }

  editDraft(change: Partial<ReviewDraft>): void {
    const item = this.current;
    if (!item) return;
    this.drafts[reviewKey(item)] = { ...this.draft, ...change };
  }

  /** Saves the selected record's draft as a new note version, then refreshes the queue and trail. */
  async save(): Promise<ReviewNote | null> {
    const item = this.current;
    const runId = this.runId;
    const draft = this.draft;
    if (!item || runId === null || !this.saveable || this.saving || draft.outcome === '') return null;
    this.saving = true;
    this.saveError = null;
    try {
      const note = await this.client.invoke('review:add', {
        runId,
        split: item.split,
        rowIndex: item.rowIndex,
        outcome: draft.outcome,
        note: draft.note.trim()
      });
      delete this.drafts[reviewKey(item)];
      this.historyFor = null;
      await this.load();
      return note;
    } catch (err) {
      this.saveError = describeError(err);
      return null;
    } finally {
      this.saving = false;
    }
  }

  /** Loads the selected record's audit trail, unless it is already shown. */
  async loadHistory(): Promise<void> {
    const item = this.current;
    const runId = this.runId;
    const key = item ? `${runId}:${reviewKey(item)}:${item.versions}` : null;
    if (key === this.historyFor) return;
    this.historyFor = key;
    if (!item || runId === null || item.versions === 0) {
      this.history = [];
      this.historyError = null;
      return;
    }
    try {
      const history = await this.client.invoke('review:history', {
        runId,
        split: item.split,
        rowIndex: item.rowIndex
      });
      if (this.historyFor !== key) return;
      this.history = history;
      this.historyError = null;
    } catch (err) {
      if (this.historyFor === key) this.historyError = describeError(err);
    }
  }

  /** The whole queue under the current filters (every status) as CSV, with the audit trail. */
  async exportCsv(): Promise<ChannelOutput<'review:export'> | null> {
    if (this.runId === null) return null;
    this.exporting = true;
    this.exportError = null;
    try {
      return await this.client.invoke('review:export', this.filter(this.runId));
    } catch (err) {
      this.exportError = describeError(err);
      return null;
    } finally {
      this.exporting = false;
    }
  }

  protected override fetch(offset: number, limit: number): Promise<ChannelOutput<'review:queue'>> | null {
    if (this.runId === null) return null;
    return this.client.invoke('review:queue', {
      ...this.filter(this.runId),
      status: this.status,
      offset,
      limit
    });
  }

  protected override accept(answer: ChannelOutput<'review:queue'>): void {
    this.counts = answer.counts;
    this.retention = answer.retention;
  }

  private filter(runId: number): ChannelInput<'review:export'> {
    return {
      runId,
      referPercent: this.referPercent,
      // A mistyped width is marked in its field and not applied.
      widthAbove: this.widthAbove ?? null,
      includeOod: this.includeOod
    };
  }
}
