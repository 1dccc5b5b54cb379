import { ReviewOutcomeSchema } from '@shared/domain/review';
import type { ReviewFilter, ReviewOutcome } from '@shared/domain/review';
import { invokeChannel, openCliCore, requireRun, writeUserFile } from './cli-context';
import { onlyRunId, parseCommandArgs } from './command-args';
import { parseChoice, parseNumber, parsePercent, parsePositive, seeHelp } from './flag-values';
import { formatRecordRef, parseRecordRef } from './record-ref';
import type { RecordRef } from './record-ref';
import { historyLines, reviewQueueLines } from './review-table';

export const REVIEW_USAGE = `sbnn review <runId> [--refer 10] [--wider-than W] [--no-ood] [--status all|pending|reviewed] [--limit 200] [--json] [--db PATH]
  Prints the review queue, most uncertain first, and the test metric kept at the --refer %.
sbnn review <runId> --csv FILE [--refer 10] [--wider-than W] [--no-ood]
  Writes the whole queue (every status) with the notes and their audit trail as CSV.
sbnn review <runId> --note SPLIT:ROW --outcome confirmed|wrong|follow-up|not-assessable [--text "..."]
  Adds a note to a record (SPLIT:ROW as the queue prints it); a later note supersedes it, both are kept.
sbnn review <runId> --history SPLIT:ROW
  Prints every version of a record's note, oldest first.`;

const STATUSES = ['all', 'pending', 'reviewed'] as const;
/** Most rows one page of the queue may hold (the channel's limit). */
const MAX_LIMIT = 5000;

/** The options of `review` as parseArgs returns them. */
export interface ReviewValues {
  refer?: string;
  'wider-than'?: string;
  'no-ood'?: boolean;
  status?: string;
  limit?: string;
  csv?: string;
  note?: string;
  outcome?: string;
  text?: string;
  history?: string;
}

type QueueFilter = Omit<ReviewFilter, 'runId'>;

/** What one `review` invocation does. */
export type ReviewAction =
  | { kind: 'queue'; filter: QueueFilter; status: (typeof STATUSES)[number]; limit: number }
  | { kind: 'csv'; filter: QueueFilter; out: string }
  | { kind: 'note'; ref: RecordRef; outcome: ReviewOutcome; text: string }
  | { kind: 'history'; ref: RecordRef };

/** The options that choose the queue's records; they do not apply to --note and --history. */
const FILTER_OPTIONS = ['refer', 'wider-than', 'no-ood', 'status', 'limit'] as const;

/**
 * Reads the options into one action: --csv, --note and --history each name a separate action; the
 * queue's options go with the queue (and --csv), --outcome and --text only with --note.
 */
export function reviewAction(values: ReviewValues): ReviewAction {
  const actions = (['csv', 'note', 'history'] as const).filter((name) => values[name] !== undefined);
  if (actions.length > 1) {
    throw new Error(
      `--${actions.join(' and --')} are separate actions; give one at a time (${seeHelp('review')}).`
    );
  }
  const action = actions[0];
  const given = (names: readonly (keyof ReviewValues)[]) =>
    names.filter((name) => values[name] !== undefined && values[name] !== false).map((name) => `--${name}`);
  const misplaced = [
    ...(action === 'note' || action === 'history' ? given(FILTER_OPTIONS) : []),
    ...(action === 'csv' ? given(['status', 'limit']) : []),
    ...(action !== 'note' ? given(['outcome', 'text']) : [])
  ];
  if (misplaced.length > 0) {
    const where = action ? `with --${action}` : 'without --note';
    throw new Error(
      `${misplaced.join(', ')} ${misplaced.length > 1 ? 'do' : 'does'} not apply ${where} (${seeHelp('review')}).`
    );
  }
  const filter: QueueFilter = {
    referPercent: parsePercent('refer', values.refer) ?? 10,
    widthAbove: parsePositive('wider-than', values['wider-than']) ?? null,
    includeOod: !values['no-ood']
  };
  if (action === 'csv') return { kind: 'csv', filter, out: values.csv ?? '' };
  if (action === 'history') return { kind: 'history', ref: parseRecordRef('history', values.history ?? '') };
  if (action === 'note') {
    const outcome = parseChoice('outcome', ReviewOutcomeSchema.options, values.outcome);
    if (outcome === undefined) {
      throw new Error(`--note needs --outcome, one of ${ReviewOutcomeSchema.options.join(', ')}.`);
    }
    return { kind: 'note', ref: parseRecordRef('note', values.note ?? ''), outcome, text: values.text ?? '' };
  }
  const limit = parseNumber('limit', values.limit) ?? 200;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new Error(`--limit takes a whole number from 1 to ${MAX_LIMIT}, got "${values.limit}".`);
  }
  return { kind: 'queue', filter, status: parseChoice('status', STATUSES, values.status) ?? 'all', limit };
}

export async function reviewCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, REVIEW_USAGE, {
    refer: { type: 'string' },
    'wider-than': { type: 'string' },
    'no-ood': { type: 'boolean' },
    status: { type: 'string' },
    limit: { type: 'string' },
    csv: { type: 'string' },
    note: { type: 'string' },
    outcome: { type: 'string' },
    text: { type: 'string' },
    history: { type: 'string' }
  });
  if (!args) return 0;
  const { values, positionals } = args;
  const runId = onlyRunId('review', positionals);
  const action = reviewAction(values);
  const core = openCliCore(values.db);
  try {
    requireRun(core, runId);
    const write = (json: unknown, lines: () => string[]) =>
      process.stdout.write(`${values.json ? JSON.stringify(json) : lines().join('\n')}\n`);
    switch (action.kind) {
      case 'queue': {
        const queue = await invokeChannel(core, 'review:queue', {
          runId,
          ...action.filter,
          status: action.status,
          limit: action.limit
        });
        write({ runId, ...action.filter, status: action.status, ...queue }, () =>
          reviewQueueLines(runId, queue, action.status, action.filter.referPercent)
        );
        break;
      }
      case 'csv': {
        const { csv, rows } = await invokeChannel(core, 'review:export', { runId, ...action.filter });
        writeUserFile(action.out, csv);
        write({ runId, out: action.out, rows }, () => [
          `Wrote the review queue of run ${runId} (${rows} records, every status, with the audit trail) to ${action.out}.`
        ]);
        break;
      }
      case 'note': {
        const note = await invokeChannel(core, 'review:add', {
          runId,
          ...action.ref,
          outcome: action.outcome,
          note: action.text
        });
        const ref = formatRecordRef(action.ref);
        write({ ...note, record: ref }, () => [
          `Noted ${ref} of run ${runId} as ${note.outcome}${note.supersedesId === null ? '' : ', superseding its previous note (kept in the audit trail)'}.`
        ]);
        break;
      }
      case 'history': {
        const history = await invokeChannel(core, 'review:history', { runId, ...action.ref });
        const ref = formatRecordRef(action.ref);
        write({ runId, record: ref, history }, () => historyLines(runId, ref, history));
        break;
      }
    }
    return 0;
  } finally {
    await core.close();
  }
}
