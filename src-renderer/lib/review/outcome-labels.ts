import { REVIEW_OUTCOME_LABELS, ReviewOutcomeSchema } from '@shared/domain/review';
import type { ReviewOutcome } from '@shared/domain/review';

/** Short verdicts for the queue's Outcome column; the full label is its tooltip. */
const SHORT_LABELS: Record<ReviewOutcome, string> = {
  confirmed: 'Confirmed',
  wrong: 'Wrong',
  'follow-up': 'Follow-up',
  'not-assessable': 'Not assessable'
};

/** A stored outcome as a sentence; an outcome this version does not know is shown as stored. */
export function outcomeLabel(outcome: string): string {
  const parsed = ReviewOutcomeSchema.safeParse(outcome);
  return parsed.success ? REVIEW_OUTCOME_LABELS[parsed.data] : outcome;
}

/** A stored outcome in one or two words, for table cells. */
export function outcomeShortLabel(outcome: string): string {
  const parsed = ReviewOutcomeSchema.safeParse(outcome);
  return parsed.success ? SHORT_LABELS[parsed.data] : outcome;
}
