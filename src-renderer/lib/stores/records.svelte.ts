import type { ChannelOutput, ContractClient } from '@shared/contract/channels';
import type { RecordPrediction, Split } from '@shared/domain/records';
import type { IntervalMode } from '../records/shown-interval';
import { PagedList } from './paged-list.svelte';

export type RecordSort = 'uncertainty' | 'oodScore' | 'row';
export type SplitFilter = 'all' | 'test' | 'ood';

/** One page of a run's reviewed records, with its sort, filter and keyboard selection. */
export class RecordsQuery extends PagedList<RecordPrediction, ChannelOutput<'records:list'>> {
  runId = $state<number | null>(null);
  sort = $state<RecordSort>('uncertainty');
  split = $state<SplitFilter>('all');
  flaggedOnly = $state(false);
  /** Which interval the table shows; a run without conformal output falls back to Bayesian. */
  intervals = $state<IntervalMode>('bayesian');

  constructor(private readonly client: ContractClient) {
    super();
  }

  protected override fetch(offset: number, limit: number): Promise<ChannelOutput<'records:list'>> | null {
    if (this.runId === null) return null;
    const splits: Split[] = this.split === 'all' ? ['test', 'ood'] : [this.split];
    return this.client.invoke('records:list', {
      runId: this.runId,
      splits,
      flaggedOnly: this.flaggedOnly,
      sort: this.sort,
      offset,
      limit
    });
  }
}
