import type { ContractClient } from '@shared/contract/channels';
import type { ErrorInfo } from '@shared/contract/errors';
import { describeError } from '../client/client-error';
import { saveTextFile } from '../files/save-file';
import type { RunsStore } from './runs.svelte';

/** Portable model files: a finished run saved as JSON, and such a file added back as a run. */
export class ModelFilesStore {
  /** "Exporting run #3…" or "Importing model.json…" while busy, else null. */
  busy = $state<string | null>(null);
  error = $state<ErrorInfo | null>(null);
  /** The run the last import added, for the confirmation line. */
  imported = $state<{ runId: number; fileName: string } | null>(null);

  constructor(
    private readonly client: ContractClient,
    private readonly runs: RunsStore
  ) {}

  async exportModel(runId: number): Promise<void> {
    await this.act(`Exporting run #${runId}…`, async () => {
      const { fileName, content } = await this.client.invoke('runs:export-model', { runId });
      saveTextFile(fileName, content, 'application/json');
    });
  }

  /** Reads the file, adds it as a run and opens that run. */
  async importModel(file: File): Promise<number | null> {
    let added: number | null = null;
    await this.act(`Importing ${file.name}…`, async () => {
      const content = await file.text();
      const { runId } = await this.client.invoke('runs:import-model', { fileName: file.name, content });
      this.imported = { runId, fileName: file.name };
      await this.runs.refresh();
      await this.runs.open(runId);
      added = runId;
    });
    return added;
  }

  private async act(label: string, action: () => Promise<void>): Promise<void> {
    if (this.busy !== null) return;
    this.busy = label;
    this.error = null;
    this.imported = null;
    try {
      await action();
    } catch (err) {
      this.error = describeError(err);
    } finally {
      this.busy = null;
    }
  }
}
