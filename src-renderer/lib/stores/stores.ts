import type { ContractClient } from '@shared/contract/channels';
import { AppStore } from './app.svelte';
import { DatasetsStore } from './datasets.svelte';
import { RecordsQuery } from './records.svelte';
import { RunDraft } from './run-draft.svelte';
import { RunsStore } from './runs.svelte';

export interface Stores {
  client: ContractClient;
  app: AppStore;
  datasets: DatasetsStore;
  draft: RunDraft;
  runs: RunsStore;
  records: RecordsQuery;
}

export function createStores(client: ContractClient): Stores {
  return {
    client,
    app: new AppStore(client),
    datasets: new DatasetsStore(client),
    draft: new RunDraft(),
    runs: new RunsStore(client),
    records: new RecordsQuery(client)
  };
}
