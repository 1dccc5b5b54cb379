import type { ContractClient } from '@shared/contract/channels';
import { AppStore } from './app.svelte';
import { CompareStore } from './compare.svelte';
import { DatasetsStore } from './datasets.svelte';
import { ModelFilesStore } from './model-files.svelte';
import { RankAdvice } from './rank-advice.svelte';
import { RecordsQuery } from './records.svelte';
import { ReviewQueueStore } from './review.svelte';
import { RunDraft } from './run-draft.svelte';
import { RunsStore } from './runs.svelte';
import { ScoringStore } from './scoring.svelte';

export interface Stores {
  client: ContractClient;
  app: AppStore;
  datasets: DatasetsStore;
  draft: RunDraft;
  runs: RunsStore;
  records: RecordsQuery;
  rankAdvice: RankAdvice;
  compare: CompareStore;
  review: ReviewQueueStore;
  scoring: ScoringStore;
  modelFiles: ModelFilesStore;
}

export function createStores(client: ContractClient): Stores {
  const datasets = new DatasetsStore(client);
  const runs = new RunsStore(client);
  return {
    client,
    app: new AppStore(client),
    datasets,
    draft: new RunDraft(),
    runs,
    records: new RecordsQuery(client),
    rankAdvice: new RankAdvice(client),
    compare: new CompareStore(client),
    review: new ReviewQueueStore(client),
    scoring: new ScoringStore(client, datasets),
    modelFiles: new ModelFilesStore(client, runs)
  };
}
