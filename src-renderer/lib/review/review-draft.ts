import { ReviewOutcomeSchema } from '@shared/domain/review';
import type { ReviewNote, ReviewOutcome } from '@shared/domain/review';

/** What the reviewer has typed for a record, before it is saved as a new note version. */
export interface ReviewDraft {
  outcome: ReviewOutcome | '';
  note: string;
}

/** A fresh form: the current note's verdict and text, or empty while the record is pending. */
export function draftOf(current: ReviewNote | null): ReviewDraft {
  const outcome = ReviewOutcomeSchema.safeParse(current?.outcome);
  return { outcome: outcome.success ? outcome.data : '', note: current?.note ?? '' };
}

/**
 * A draft can be saved when it has a verdict and says something the current note does not: a
 * new note is a new version in the audit trail, so an unchanged one would only add noise.
 */
export function canSave(draft: ReviewDraft, current: ReviewNote | null): boolean {
  if (draft.outcome === '') return false;
  if (current === null) return true;
  return draft.outcome !== current.outcome || draft.note.trim() !== current.note.trim();
}
