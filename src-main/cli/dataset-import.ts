import { basename } from 'node:path';
import type { EventName, EventPayload } from '@shared/contract/channels';
import type { DatasetSummary } from '@shared/domain/records';
import type { AppCore } from '../core/app-core';
import { decodeText } from '../data/csv-table';
import { invokeChannel, readUserFile } from './cli-context';
import type { ProgressBar } from './progress-bar';

/**
 * The listener that draws one file's import progress ('datasets:import-progress' events, sent for
 * large files only) on the bar; events about other files are ignored.
 */
export function importProgressListener(
  fileName: string,
  bar: ProgressBar
): (event: EventName, payload: unknown) => void {
  return (event, payload) => {
    if (event !== 'datasets:import-progress') return;
    const progress = payload as EventPayload<'datasets:import-progress'>;
    if (progress.fileName === fileName) bar.show(progress.fraction, `importing ${fileName}`);
  };
}

/**
 * Imports a file the user named as a dataset through the contract, as the app does; with a bar,
 * a large file's parsing progress is drawn on it.
 */
export async function importUserFile(
  core: AppCore,
  path: string,
  bar: ProgressBar | null
): Promise<DatasetSummary> {
  const fileName = basename(path);
  const content = decodeText(readUserFile(path), fileName);
  const unsubscribe = bar ? core.events.subscribe(importProgressListener(fileName, bar)) : () => undefined;
  try {
    return await invokeChannel(core, 'datasets:import', { source: { kind: 'text', fileName, content } });
  } finally {
    unsubscribe();
    bar?.finish();
  }
}
