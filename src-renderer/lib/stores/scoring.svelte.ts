import type { ChannelOutput, ContractClient } from '@shared/contract/channels';
import type { ErrorInfo } from '@shared/contract/errors';
import { describeError } from '../client/client-error';
import type { DatasetsStore } from './datasets.svelte';
import { ImportProgress } from './import-progress.svelte';

export type ScoreOutcome = ChannelOutput<'runs:score'>;

/**
 * Scoring a new file with a finished run: import the file (or take an imported dataset), then
 * runs:score, which adds its records to the run's review queue.
 */
export class ScoringStore {
  runId = $state<number | null>(null);
  /** "Importing visits.csv…" or "Scoring visits.csv…" while busy, else null. */
  busy = $state<string | null>(null);
  result = $state<ScoreOutcome | null>(null);
  error = $state<ErrorInfo | null>(null);
  readonly upload: ImportProgress;

  constructor(
    private readonly client: ContractClient,
    private readonly datasets: DatasetsStore
  ) {
    this.upload = new ImportProgress(client);
  }

  /** Imports `file`, then scores it with the run. */
  async scoreFile(runId: number, file: File): Promise<ScoreOutcome | null> {
    return this.run(runId, async () => {
      this.busy = `Importing ${file.name}…`;
      const dataset = await this.upload.track(file, (content) =>
        this.datasets.importText(file.name, content)
      );
      await this.datasets.refresh();
      return { datasetId: dataset.id, label: file.name };
    });
  }

  /** Scores a dataset imported earlier. */
  async scoreDataset(runId: number, datasetId: number, label: string): Promise<ScoreOutcome | null> {
    return this.run(runId, () => Promise.resolve({ datasetId, label }));
  }

  private async run(
    runId: number,
    prepare: () => Promise<{ datasetId: number; label: string }>
  ): Promise<ScoreOutcome | null> {
    if (this.busy !== null) return null;
    this.runId = runId;
    this.result = null;
    this.error = null;
    try {
      const { datasetId, label } = await prepare();
      this.busy = `Scoring ${label}…`;
      const result = await this.client.invoke('runs:score', { runId, datasetId });
      if (this.runId === runId) this.result = result;
      return result;
    } catch (err) {
      this.error = describeError(err);
      return null;
    } finally {
      this.busy = null;
    }
  }
}
