import { createHash } from 'node:crypto';
import { AppError } from '@shared/contract/errors';
import type { DatasetDetail, DatasetSummary, SampleInfo } from '@shared/domain/records';
import { decodeText, previewRows, sha256Hex } from '../data/csv-table';
import { summarizeTable } from '../data/table-summary';
import type { TableSummary } from '../data/table-summary';
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
    const existing = this.existing(hash, name);
    if (existing) return existing;
    const summary = summarizeTable(decodeText(bytes, fileName), fileName);
    return this.storage.datasets.insert({ name, fileName, sampleId, hash, ...summary, content: bytes });
  }

  /**
   * importText for large files: `summarize` parses and summarizes the text elsewhere (a compute
   * process, reporting progress) while this process stays responsive; the bytes are stored here.
   */
  async importLargeText(
    fileName: string,
    content: string,
    name: string | undefined,
    summarize: (fileName: string, content: string) => Promise<TableSummary>
  ): Promise<DatasetSummary> {
    const bytes = new TextEncoder().encode(content);
    const hash = sha256Hex(bytes);
    const title = name ?? fileName;
    const existing = this.existing(hash, title);
    if (existing) return existing;
    // decodeText refuses text that is not valid UTF-8 with the line named, before any parsing.
    const summary = await summarize(fileName, decodeText(bytes, fileName));
    return this.storage.datasets.insert({
      name: title,
      fileName,
      sampleId: null,
      hash,
      ...summary,
      content: bytes
    });
  }

  /** Importing the same bytes under the same name again returns the dataset already stored. */
  private existing(hash: string, name: string): DatasetSummary | undefined {
    return this.storage.datasets.list().find((d) => d.hash === hash && d.name === name);
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
    const content = this.readTable(datasetId).content;
    return { ...dataset, preview: previewRows(content, dataset.delimiter, PREVIEW_ROWS) };
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
