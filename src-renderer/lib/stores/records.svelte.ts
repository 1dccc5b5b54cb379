import type { ContractClient } from '@shared/contract/channels';
import type { ErrorInfo } from '@shared/contract/errors';
import type { RecordPrediction, Split } from '@shared/domain/records';
import { describeError } from '../client/client-error';

export type RecordSort = 'uncertainty' | 'oodScore' | 'row';
export type SplitFilter = 'all' | 'test' | 'ood';

export const PAGE_SIZE = 50;

/** One page of a run's reviewed records, with its sort, filter and keyboard selection. */
export class RecordsQuery {
  runId = $state<number | null>(null);
  sort = $state<RecordSort>('uncertainty');
  split = $state<SplitFilter>('all');
  flaggedOnly = $state(false);
  page = $state(0);
  total = $state(0);
  records = $state<RecordPrediction[]>([]);
  selected = $state(0);
  loading = $state(false);
  error = $state<ErrorInfo | null>(null);
  private generation = 0;

  readonly pageCount = $derived(Math.max(1, Math.ceil(this.total / PAGE_SIZE)));
  readonly current = $derived(this.records[this.selected] ?? null);

  constructor(private readonly client: ContractClient) {}

  async load(): Promise<void> {
    if (this.runId === null) {
      this.records = [];
      this.total = 0;
      return;
    }
    const generation = ++this.generation;
    const splits: Split[] = this.split === 'all' ? ['test', 'ood'] : [this.split];
    this.loading = true;
    try {
      const result = await this.client.invoke('records:list', {
        runId: this.runId,
        splits,
        flaggedOnly: this.flaggedOnly,
        sort: this.sort,
        offset: this.page * PAGE_SIZE,
        limit: PAGE_SIZE
      });
      // A slower answer to an older query must not overwrite a newer one.
      if (generation !== this.generation) return;
      this.records = result.records;
      this.total = result.total;
      this.selected = Math.min(this.selected, Math.max(0, result.records.length - 1));
      this.error = null;
    } catch (err) {
      if (generation === this.generation) this.error = describeError(err);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  /** Changing what is listed starts again at the first page. */
  async reset(): Promise<void> {
    this.page = 0;
    this.selected = 0;
    await this.load();
  }

  async goToPage(page: number): Promise<void> {
    const clamped = Math.min(this.pageCount - 1, Math.max(0, page));
    if (clamped === this.page) return;
    this.page = clamped;
    this.selected = 0;
    await this.load();
  }

  /** Arrow-key movement; crossing a page edge turns the page. */
  async move(delta: number): Promise<void> {
    const next = this.selected + delta;
    if (next < 0) {
      if (this.page === 0) return;
      await this.goToPage(this.page - 1);
      this.selected = Math.max(0, this.records.length - 1);
    } else if (next >= this.records.length) {
      if (this.page >= this.pageCount - 1) return;
      await this.goToPage(this.page + 1);
    } else {
      this.selected = next;
    }
  }
}
