import { z } from 'zod';
import { summarizeTable } from '../../data/table-summary';
import type { TableSummary } from '../../data/table-summary';
import type { JobDefinition } from './job-handler';

export interface SummarizeTableInput {
  fileName: string;
  content: string;
}

export interface SummarizeTableProgress {
  /** 0..1 */
  fraction: number;
}

export type SummarizeTableResult = TableSummary;

export const SummarizeTableInputSchema: z.ZodType<SummarizeTableInput> = z.object({
  fileName: z.string().min(1).max(500),
  content: z.string()
});

/** At most this often a progress message is sent, in ms. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Parses and summarizes a large file in a compute process, so the main process stays responsive
 * while a file of hundreds of thousands of rows is read, and the import shows its progress.
 */
export const summarizeTableJob: JobDefinition<'summarize-table'> = {
  input: SummarizeTableInputSchema,
  run: (input, ctx) => {
    let last = 0;
    const summary = summarizeTable(input.content, input.fileName, (fraction) => {
      const now = performance.now();
      if (now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      ctx.progress({ fraction });
    });
    return Promise.resolve(summary);
  }
};
