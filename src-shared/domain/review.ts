import { z } from 'zod';
import { RecordPredictionSchema, SplitSchema } from './records';

/** A reviewer's verdict on a prediction. */
export const ReviewOutcomeSchema = z.enum(['confirmed', 'wrong', 'follow-up', 'not-assessable']);
export type ReviewOutcome = z.infer<typeof ReviewOutcomeSchema>;

export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  confirmed: 'Prediction confirmed',
  wrong: 'Prediction wrong',
  'follow-up': 'Needs follow-up',
  'not-assessable': 'Cannot be assessed'
};

/** One version of a record's review note; notes are never edited, a new one supersedes. */
export const ReviewNoteSchema = z.object({
  id: z.number().int(),
  runId: z.number().int(),
  split: SplitSchema,
  rowIndex: z.number().int(),
  outcome: z.string(),
  note: z.string(),
  createdAt: z.string(),
  supersedesId: z.number().int().nullable()
});
export type ReviewNote = z.infer<typeof ReviewNoteSchema>;

/** Why a record is in the review queue. */
export const ReviewReasonSchema = z.enum(['ood', 'wide', 'uncertain']);
export type ReviewReason = z.infer<typeof ReviewReasonSchema>;

/**
 * Which records enter the queue: those flagged out-of-distribution (when includeOod), those whose
 * interval is wider than widthAbove (when set), and the referPercent % most uncertain.
 */
export const ReviewFilterSchema = z.object({
  runId: z.number().int().positive(),
  referPercent: z.number().min(0).max(100).default(10),
  widthAbove: z.number().positive().nullable().default(null),
  includeOod: z.boolean().default(true)
});
export type ReviewFilter = z.infer<typeof ReviewFilterSchema>;

export const ReviewItemSchema = RecordPredictionSchema.extend({
  reasons: z.array(ReviewReasonSchema),
  /** The current note, or null while the record is pending. */
  review: ReviewNoteSchema.nullable(),
  /** How many versions of the note exist (the audit trail). */
  versions: z.number().int()
});
export type ReviewItem = z.infer<typeof ReviewItemSchema>;

export const ReviewQueueSchema = z.object({
  total: z.number().int(),
  records: z.array(ReviewItemSchema),
  counts: z.object({
    ood: z.number().int(),
    wide: z.number().int(),
    uncertain: z.number().int(),
    reviewed: z.number().int()
  }),
  /**
   * The test metric of the records kept (not referred) at each refer share 0..50 %: accuracy for
   * classification, MAE for regression; what the slider shows live.
   */
  retention: z.object({
    metric: z.enum(['accuracy', 'MAE']),
    points: z.array(z.object({ referPercent: z.number(), value: z.number(), kept: z.number().int() }))
  })
});
export type ReviewQueue = z.infer<typeof ReviewQueueSchema>;
