import type { ComputePool } from '../compute/compute-pool';
import type { Handlers } from '../core/dispatch';
import type { EventBus } from '../core/event-bus';
import type { DatasetService } from '../services/dataset-service';

/**
 * Files from this many characters on are parsed in a compute process with progress events, so
 * the main process stays responsive (a 200,000-row table takes seconds to parse and summarize).
 */
export const LARGE_IMPORT_CHARS = 2_000_000;

export function datasetHandlers(
  datasets: DatasetService,
  compute: ComputePool,
  events: EventBus
): Pick<Handlers, 'samples:list' | 'datasets:import' | 'datasets:list' | 'datasets:get' | 'datasets:delete'> {
  return {
    'samples:list': () => datasets.samples(),
    'datasets:import': ({ source, name }) => {
      if (source.kind === 'sample') return datasets.importSample(source.sampleId, name);
      if (source.content.length < LARGE_IMPORT_CHARS)
        return datasets.importText(source.fileName, source.content, name);
      const fileName = source.fileName;
      events.emit('datasets:import-progress', { fileName, fraction: 0 });
      return datasets
        .importLargeText(fileName, source.content, name, (file, content) =>
          compute.run(
            'summarize-table',
            { fileName: file, content },
            { onProgress: (p) => events.emit('datasets:import-progress', { fileName, fraction: p.fraction }) }
          )
        )
        .then((summary) => {
          events.emit('datasets:import-progress', { fileName, fraction: 1 });
          return summary;
        });
    },
    'datasets:list': () => datasets.list(),
    'datasets:get': ({ datasetId }) => datasets.detail(datasetId),
    'datasets:delete': ({ datasetId }) => ({ deleted: datasets.delete(datasetId) })
  };
}
