import type { ContractClient } from '@shared/contract/channels';
import type { ErrorInfo } from '@shared/contract/errors';
import type { DatasetDetail, DatasetSummary, SampleInfo } from '@shared/domain/records';
import { describeError } from '../client/client-error';
import { ImportProgress } from './import-progress.svelte';

/** Imported datasets, the bundled samples and the dataset open in the Data view. */
export class DatasetsStore {
  list = $state<DatasetSummary[]>([]);
  samples = $state<SampleInfo[]>([]);
  selectedId = $state<number | null>(null);
  detail = $state<DatasetDetail | null>(null);
  /** What is in progress, for disabling buttons and a status line ("Importing rotterdam…"). */
  busy = $state<string | null>(null);
  importError = $state<ErrorInfo | null>(null);
  loadError = $state<ErrorInfo | null>(null);
  deleteError = $state<ErrorInfo | null>(null);
  /** The Data view's file import, for its progress bar. */
  readonly upload: ImportProgress;

  constructor(private readonly client: ContractClient) {
    this.upload = new ImportProgress(client);
  }

  async refresh(): Promise<void> {
    try {
      const [list, samples] = await Promise.all([
        this.client.invoke('datasets:list', {}),
        this.client.invoke('samples:list', {})
      ]);
      this.list = list;
      this.samples = samples;
      this.loadError = null;
    } catch (err) {
      this.loadError = describeError(err);
    }
  }

  sampleOf(dataset: DatasetSummary | DatasetDetail | null): SampleInfo | null {
    if (!dataset?.sampleId) return null;
    return this.samples.find((s) => s.id === dataset.sampleId) ?? null;
  }

  datasetOfSample(sampleId: string): DatasetSummary | null {
    return this.list.find((d) => d.sampleId === sampleId) ?? null;
  }

  async importFile(file: File): Promise<DatasetSummary | null> {
    return this.runImport(`Importing ${file.name}…`, () =>
      this.upload.track(file, (content) => this.importText(file.name, content))
    );
  }

  /** Imports a file's text as a dataset, without opening it (Results: scoring a new file). */
  importText(fileName: string, content: string): Promise<DatasetSummary> {
    return this.client.invoke('datasets:import', { source: { kind: 'text', fileName, content } });
  }

  async importSample(sample: SampleInfo): Promise<DatasetSummary | null> {
    return this.runImport(`Importing ${sample.title}…`, () =>
      this.client.invoke('datasets:import', { source: { kind: 'sample', sampleId: sample.id } })
    );
  }

  async select(datasetId: number | null): Promise<void> {
    this.selectedId = datasetId;
    this.deleteError = null;
    if (datasetId === null) {
      this.detail = null;
      return;
    }
    try {
      const detail = await this.client.invoke('datasets:get', { datasetId });
      if (this.selectedId === datasetId) this.detail = detail;
      this.loadError = null;
    } catch (err) {
      this.loadError = describeError(err);
    }
  }

  async remove(datasetId: number): Promise<boolean> {
    try {
      const { deleted } = await this.client.invoke('datasets:delete', { datasetId });
      this.deleteError = null;
      if (this.selectedId === datasetId) await this.select(null);
      await this.refresh();
      return deleted;
    } catch (err) {
      this.deleteError = describeError(err);
      return false;
    }
  }

  private async runImport(
    label: string,
    action: () => Promise<DatasetSummary>
  ): Promise<DatasetSummary | null> {
    this.busy = label;
    this.importError = null;
    try {
      const summary = await action();
      await this.refresh();
      await this.select(summary.id);
      return summary;
    } catch (err) {
      this.importError = describeError(err);
      return null;
    } finally {
      this.busy = null;
    }
  }
}
