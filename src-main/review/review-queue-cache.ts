import type { RecordPrediction, Split } from '@shared/domain/records';
import type { ReviewFilter } from '@shared/domain/review';
import { allRecords } from '../services/run-lookup';
import type { StoredRun } from '../storage/runs-repository';
import type { Storage } from '../storage/storage';
import { buildReviewQueue, notesByRecord } from './review-queue';
import type { NotesByRecord } from './review-queue';

type QueueFilter = Pick<ReviewFilter, 'referPercent' | 'widthAbove' | 'includeOod'>;
type BuiltQueue = ReturnType<typeof buildReviewQueue>;

/**
 * The review queue of the run and filter asked for last, kept while nothing it depends on has
 * changed, so that paging through a large run (one review:queue call per page) neither reads nor
 * ranks every record again: for 100,000 records the read takes about 1 s and the ranking 0.3 s.
 *
 * A run's records are only ever appended (scoring a file), never changed, and its notes are
 * append-only, so their counts tell whether they changed; the run's creation time tells a run from
 * a later one that reuses the id of a deleted one.
 */
export class ReviewQueueCache {
  private records: { key: string; records: RecordPrediction[] } | null = null;
  private queue: { key: string; notes: NotesByRecord; built: BuiltQueue } | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly splits: readonly Split[]
  ) {}

  /** The queue of a finished run under a filter, with the run's notes by record. */
  queueOf(run: StoredRun, filter: QueueFilter): { notes: NotesByRecord; queue: BuiltQueue } {
    const count = this.storage.predictions.query({
      runId: run.id,
      splits: [...this.splits],
      sort: 'row',
      offset: 0,
      limit: 1
    }).total;
    const recordsKey = JSON.stringify([run.id, run.createdAt, count]);
    if (this.records?.key !== recordsKey) {
      this.records = { key: recordsKey, records: allRecords(this.storage, run.id, this.splits) };
      this.queue = null;
    }
    const allNotes = this.storage.notes.all(run.id);
    const queueKey = JSON.stringify([
      allNotes.length,
      filter.referPercent,
      filter.widthAbove,
      filter.includeOod
    ]);
    if (this.queue?.key !== queueKey) {
      const notes = notesByRecord(allNotes);
      const built = buildReviewQueue(this.records.records, notes, filter, run.task ?? 'binary');
      this.queue = { key: queueKey, notes, built };
    }
    return { notes: this.queue.notes, queue: this.queue.built };
  }
}
