import type { Handlers } from '../core/dispatch';
import type { DatasetService } from '../services/dataset-service';

export function datasetHandlers(
  datasets: DatasetService
): Pick<Handlers, 'samples:list' | 'datasets:import' | 'datasets:list' | 'datasets:get' | 'datasets:delete'> {
  return {
    'samples:list': () => datasets.samples(),
    'datasets:import': ({ source, name }) =>
      source.kind === 'sample'
        ? datasets.importSample(source.sampleId, name)
        : datasets.importText(source.fileName, source.content, name),
    'datasets:list': () => datasets.list(),
    'datasets:get': ({ datasetId }) => datasets.detail(datasetId),
    'datasets:delete': ({ datasetId }) => ({ deleted: datasets.delete(datasetId) })
  };
}
