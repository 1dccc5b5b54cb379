import type { ReviewNote } from '@shared/domain/review';

/** One version of a record's note as the audit trail lists it. */
export interface AuditEntry {
  note: ReviewNote;
  /** 1 for the first note written, counting up. */
  version: number;
  /** The version in force; every other one was superseded by a later note. */
  current: boolean;
}

/**
 * The versions of a record's note (review:history answers oldest first), newest first for
 * reading. The current version is the one no other note supersedes.
 */
export function auditTrail(history: readonly ReviewNote[]): AuditEntry[] {
  const superseded = new Set(history.map((n) => n.supersedesId).filter((id) => id !== null));
  return history.map((note, i) => ({ note, version: i + 1, current: !superseded.has(note.id) })).reverse();
}
