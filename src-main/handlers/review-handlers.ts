import type { ReviewFilter } from '@shared/domain/review';
import type { Handlers } from '../core/dispatch';
import { reviewCsv } from '../review/review-csv';
import { ReviewQueueCache } from '../review/review-queue-cache';
import type { Storage } from '../storage/storage';
import { requireFinishedRun, runFileName } from '../services/run-lookup';

/** Splits a person reviews: held-out test records, OOD records and later scored files. */
const REVIEWED_SPLITS = ['test', 'ood', 'scored'] as const;

/** The review workflow: the queue, notes with their audit trail, and the CSV export. */
export function reviewHandlers(
  storage: Storage
): Pick<Handlers, 'review:queue' | 'review:add' | 'review:history' | 'review:export'> {
  const finishedRun = (runId: number) => requireFinishedRun(storage, runId, 'a review');
  const cache = new ReviewQueueCache(storage, REVIEWED_SPLITS);
  const queueOf = (
    filter: Pick<ReviewFilter, 'referPercent' | 'widthAbove' | 'includeOod'> & { runId: number }
  ) => {
    const run = finishedRun(filter.runId);
    return { run, ...cache.queueOf(run, filter) };
  };
  return {
    'review:queue': ({ status, offset, limit, ...filter }) => {
      const { queue } = queueOf(filter);
      const selected = queue.items.filter((item) =>
        status === 'all' ? true : status === 'reviewed' ? item.review !== null : item.review === null
      );
      return {
        total: selected.length,
        records: selected.slice(offset, offset + limit),
        counts: queue.counts,
        retention: queue.retention
      };
    },
    'review:add': (note) => {
      finishedRun(note.runId);
      return storage.notes.add(note);
    },
    'review:history': ({ runId, split, rowIndex }) => {
      finishedRun(runId);
      return storage.notes.history(runId, split, rowIndex);
    },
    'review:export': (filter) => {
      const { run, notes, queue } = queueOf(filter);
      return {
        fileName: runFileName(run, '-review.csv'),
        csv: reviewCsv(queue.items, notes),
        rows: queue.items.length
      };
    }
  };
}
