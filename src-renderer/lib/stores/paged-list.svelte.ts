import type { ErrorInfo } from '@shared/contract/errors';
import { describeError } from '../client/client-error';

export const PAGE_SIZE = 50;

/**
 * One page of a longer list fetched from the main side, with a keyboard selection that turns the
 * page at its edges. Subclasses say how a page is fetched and what else the answer carries.
 */
export abstract class PagedList<T, A extends { total: number; records: T[] }> {
  page = $state(0);
  total = $state(0);
  records = $state<T[]>([]);
  selected = $state(0);
  loading = $state(false);
  error = $state<ErrorInfo | null>(null);
  private generation = 0;

  readonly pageCount = $derived(Math.max(1, Math.ceil(this.total / PAGE_SIZE)));
  readonly current = $derived(this.records[this.selected] ?? null);
  readonly firstShown = $derived(this.total === 0 ? 0 : this.page * PAGE_SIZE + 1);
  readonly lastShown = $derived(this.page * PAGE_SIZE + this.records.length);

  /** The page at `offset`, or null when there is nothing to list. */
  protected abstract fetch(offset: number, limit: number): Promise<A> | null;

  /** Called with every answer that is still current, before the page is shown. */
  protected accept(_answer: A): void {}

  async load(): Promise<void> {
    const generation = ++this.generation;
    const request = this.fetch(this.page * PAGE_SIZE, PAGE_SIZE);
    if (request === null) {
      this.records = [];
      this.total = 0;
      this.loading = false;
      return;
    }
    this.loading = true;
    try {
      const answer = await request;
      // A slower answer to an older query must not overwrite a newer one.
      if (generation !== this.generation) return;
      this.accept(answer);
      this.records = answer.records;
      this.total = answer.total;
      this.selected = Math.min(this.selected, Math.max(0, answer.records.length - 1));
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
