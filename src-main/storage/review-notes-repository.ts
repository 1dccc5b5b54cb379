import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '@shared/contract/errors';
import type { Split } from '@shared/domain/records';
import type { ReviewNote } from '@shared/domain/review';
import { isoTimestamp, systemClock, type Clock } from './sql-values';

/** A reviewer's verdict on one record. Notes are never edited: a correction supersedes the note before it. */
export type { ReviewNote };

export interface NewReviewNote {
  runId: number;
  split: Split;
  rowIndex: number;
  outcome: string;
  note: string;
}

interface NoteRow {
  id: number;
  run_id: number;
  split: Split;
  row_index: number;
  outcome: string;
  note: string;
  created_at: string;
  supersedes_id: number | null;
}

type RecordKey = { runId: number; split: Split; rowIndex: number };

const COLUMN_NAMES = ['id', 'run_id', 'split', 'row_index', 'outcome', 'note', 'created_at', 'supersedes_id'];
const COLUMNS = COLUMN_NAMES.map((c) => `n.${c}`).join(', ');
/** A note is current when no later note supersedes it (supersedes_id is UNIQUE, so this is indexed). */
const IS_CURRENT = 'NOT EXISTS (SELECT 1 FROM review_notes s WHERE s.supersedes_id = n.id)';

function toNote(row: NoteRow): ReviewNote {
  return {
    id: row.id,
    runId: row.run_id,
    split: row.split,
    rowIndex: row.row_index,
    outcome: row.outcome,
    note: row.note,
    createdAt: row.created_at,
    supersedesId: row.supersedes_id
  };
}

/** The review audit trail: every version of every note is kept (schema v1, review_notes). */
export class ReviewNotesRepository {
  private readonly recordExistsStmt: Statement<[RecordKey], { one: number }>;
  private readonly currentForRecordStmt: Statement<[RecordKey], NoteRow>;
  private readonly insertStmt: Statement<
    [NewReviewNote & { createdAt: string; supersedesId: number | null }],
    NoteRow
  >;
  private readonly currentStmt: Statement<[number], NoteRow>;
  private readonly historyStmt: Statement<[RecordKey], NoteRow>;
  private readonly allStmt: Statement<[number], NoteRow>;
  private readonly addNote: (note: NewReviewNote) => ReviewNote;

  constructor(
    db: Database,
    private readonly clock: Clock = systemClock
  ) {
    this.recordExistsStmt = db.prepare(
      `SELECT 1 AS one FROM predictions WHERE run_id = @runId AND split = @split AND row_index = @rowIndex`
    );
    this.currentForRecordStmt = db.prepare(
      `SELECT ${COLUMNS} FROM review_notes n
       WHERE n.run_id = @runId AND n.split = @split AND n.row_index = @rowIndex AND ${IS_CURRENT}`
    );
    this.insertStmt = db.prepare(
      `INSERT INTO review_notes (run_id, split, row_index, outcome, note, created_at, supersedes_id)
       VALUES (@runId, @split, @rowIndex, @outcome, @note, @createdAt, @supersedesId)
       RETURNING ${COLUMN_NAMES.join(', ')}`
    );
    this.currentStmt = db.prepare(
      `SELECT ${COLUMNS} FROM review_notes n WHERE n.run_id = ? AND ${IS_CURRENT} ORDER BY n.split, n.row_index`
    );
    this.historyStmt = db.prepare(
      `SELECT ${COLUMNS} FROM review_notes n
       WHERE n.run_id = @runId AND n.split = @split AND n.row_index = @rowIndex ORDER BY n.id`
    );
    this.allStmt = db.prepare(`SELECT ${COLUMNS} FROM review_notes n WHERE n.run_id = ? ORDER BY n.id`);
    // Read the current note and insert its successor in one write transaction, so two additions
    // can never both supersede the same note.
    this.addNote = db.transaction((note: NewReviewNote): ReviewNote => {
      const key: RecordKey = { runId: note.runId, split: note.split, rowIndex: note.rowIndex };
      if (!this.recordExistsStmt.get(key)) {
        throw new AppError(
          'NOT_FOUND',
          `Run ${note.runId} has no ${note.split} record at row ${note.rowIndex + 1} to add a review note to.`
        );
      }
      const previous = this.currentForRecordStmt.get(key);
      const row = this.insertStmt.get({
        runId: note.runId,
        split: note.split,
        rowIndex: note.rowIndex,
        outcome: note.outcome,
        note: note.note,
        createdAt: isoTimestamp(this.clock),
        supersedesId: previous?.id ?? null
      });
      if (!row) throw new Error('INSERT ... RETURNING returned no row');
      return toNote(row);
    }).immediate;
  }

  /** Adds a note to a record; when the record already has one, the new note supersedes it. */
  add(note: NewReviewNote): ReviewNote {
    return this.addNote(note);
  }

  /** The latest note of every reviewed record of a run, by split then row. */
  current(runId: number): ReviewNote[] {
    return this.currentStmt.all(runId).map(toNote);
  }

  /** Every version of every note of a run, oldest first (the run's audit trail). */
  all(runId: number): ReviewNote[] {
    return this.allStmt.all(runId).map(toNote);
  }

  /** Every version of one record's note, oldest first. */
  history(runId: number, split: Split, rowIndex: number): ReviewNote[] {
    return this.historyStmt.all({ runId, split, rowIndex }).map(toNote);
  }
}
