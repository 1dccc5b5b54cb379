import type { ContractClient } from '@shared/contract/channels';

/** Where a file's import stands: read in the page, sent, then parsed on the main side. */
export type ImportPhase = 'reading' | 'sending' | 'parsing';

/**
 * The progress of one file's import, for a progress bar. The main side reports parsing progress
 * only for large files ('datasets:import-progress'); until it does, the bar shows the upload as
 * busy without a fraction.
 */
export class ImportProgress {
  fileName = $state<string | null>(null);
  phase = $state<ImportPhase | null>(null);
  /** 0..1 once the main side reports parsing progress, else null. */
  fraction = $state<number | null>(null);

  constructor(client: ContractClient) {
    client.on('datasets:import-progress', ({ fileName, fraction }) => {
      if (fileName !== this.fileName || this.phase === null) return;
      this.phase = 'parsing';
      this.fraction = Math.min(1, Math.max(0, fraction));
    });
  }

  /** Runs an import of `file` through `send` (given the file's text), tracking it until it ends. */
  async track<T>(file: File, send: (content: string) => Promise<T>): Promise<T> {
    this.fileName = file.name;
    this.phase = 'reading';
    this.fraction = null;
    try {
      const content = await file.text();
      this.phase = 'sending';
      return await send(content);
    } finally {
      this.fileName = null;
      this.phase = null;
      this.fraction = null;
    }
  }
}
