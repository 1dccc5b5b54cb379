import { createHash } from 'node:crypto';
import { AppError } from '@shared/contract/errors';
import type { DatasetDetail, DatasetSummary, SampleInfo } from '@shared/domain/records';
import { decodeText, parseTable, sha256Hex } from '../data/csv-table';
import { inferColumns } from '../data/column-inference';
import { listSamples, readSample } from '../data/samples';
import type { Storage } from '../storage/storage';
import type { TableFile } from '../data/table-file';

const PREVIEW_ROWS = 50;

/**
 * Imports tables into the database (the original bytes are kept, so every run can be reproduced
 * from the database alone) and serves their column summaries and previews.
 */
export class DatasetService {
  constructor(
    private readonly storage: Storage,
    private readonly resourcesDir: string
  ) {}

  samples(): SampleInfo[] {
    return listSamples();
  }

  importSample(sampleId: string, name?: string): DatasetSummary {
    const sample = readSample(this.resourcesDir, sampleId);
    const info = listSamples().find((s) => s.id === sampleId);
    return this.importBytes(sample.bytes, sample.fileName, name ?? info?.title ?? sample.fileName, sampleId);
  }

  importText(fileName: string, content: string, name?: string): DatasetSummary {
    return this.importBytes(new TextEncoder().encode(content), fileName, name ?? fileName, null);
  }

  /**
   * Validates, summarizes and stores a file. Importing the same bytes under the same name again
   * returns the existing dataset instead of a copy.
   */
  importBytes(bytes: Uint8Array, fileName: string, name: string, sampleId: string | null): DatasetSummary {
    const hash = sha256Hex(bytes);
    const existing = this.storage.datasets.list().find((d) => d.hash === hash && d.name === name);
    if (existing) return existing;
    const table = parseTable(decodeText(bytes, fileName), fileName);
    const columns = inferColumns(table);
    return this.storage.datasets.insert({
      name,
      fileName,
      sampleId,
      hash,
      rowCount: table.rows.length,
      delimiter: table.delimiter,
      columns,
      content: bytes
    });
  }

  list(): DatasetSummary[] {
    return this.storage.datasets.list();
  }

  /** The stored summary and columns, or NOT_FOUND. */
  require(datasetId: number): NonNullable<ReturnType<Storage['datasets']['get']>> {
    const dataset = this.storage.datasets.get(datasetId);
    if (!dataset)
      throw new AppError('NOT_FOUND', `Dataset ${datasetId} does not exist; it may have been deleted.`);
    return dataset;
  }

  detail(datasetId: number): DatasetDetail {
    const dataset = this.require(datasetId);
    const table = parseTable(this.readTable(datasetId).content, dataset.fileName);
    return { ...dataset, preview: table.rows.slice(0, PREVIEW_ROWS) };
  }

  readTable(datasetId: number): TableFile {
    const dataset = this.require(datasetId);
    return {
      fileName: dataset.fileName,
      content: decodeText(this.storage.datasets.getContent(datasetId), dataset.fileName)
    };
  }

  /** One hash for everything a run learned from: the training file and the OOD file. */
  dataHash(datasetId: number, oodDatasetId: number | undefined): string {
    const main = this.require(datasetId).hash;
    if (oodDatasetId === undefined) return main;
    return createHash('sha256').update(main).update(this.require(oodDatasetId).hash).digest('hex');
  }

  delete(datasetId: number): boolean {
    this.require(datasetId);
    this.storage.datasets.delete(datasetId);
    return true;
  }
}
