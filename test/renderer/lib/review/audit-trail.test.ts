import { describe, expect, it } from 'vitest';
import type { ReviewNote } from '@shared/domain/review';
import { auditTrail } from '../../../../src-renderer/lib/review/audit-trail';

const note = (id: number, supersedesId: number | null, text: string): ReviewNote => ({
  id,
  runId: 3,
  split: 'test',
  rowIndex: 12,
  outcome: 'confirmed',
  note: text,
  createdAt: `2026-11-26T10:0${id}:00.000Z`,
  supersedesId
});

describe('auditTrail', () => {
  it('lists versions newest first, numbered from the first, only the last unsuperseded', () => {
    const history = [note(4, null, 'first'), note(9, 4, 'second'), note(15, 9, 'third')];
    expect(auditTrail(history).map((e) => [e.note.note, e.version, e.current])).toEqual([
      ['third', 3, true],
      ['second', 2, false],
      ['first', 1, false]
    ]);
  });

  it('a single note is version 1 and current; no notes, no entries', () => {
    expect(auditTrail([note(2, null, 'only')])).toEqual([
      { note: note(2, null, 'only'), version: 1, current: true }
    ]);
    expect(auditTrail([])).toEqual([]);
  });
});
