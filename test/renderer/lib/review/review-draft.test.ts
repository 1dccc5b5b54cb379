import { describe, expect, it } from 'vitest';
import type { ReviewNote } from '@shared/domain/review';
import { canSave, draftOf } from '../../../../src-renderer/lib/review/review-draft';

const current: ReviewNote = {
  id: 7,
  runId: 1,
  split: 'ood',
  rowIndex: 3,
  outcome: 'wrong',
  note: 'Size recorded in mm, not cm.',
  createdAt: '2026-11-26T10:00:00.000Z',
  supersedesId: null
};

describe('review drafts', () => {
  it('a pending record starts empty and needs a verdict to be saved', () => {
    expect(draftOf(null)).toEqual({ outcome: '', note: '' });
    expect(canSave({ outcome: '', note: 'something' }, null)).toBe(false);
    expect(canSave({ outcome: 'confirmed', note: '' }, null)).toBe(true);
  });

  it('a reviewed record starts from its current note; only a change makes a new version', () => {
    expect(draftOf(current)).toEqual({ outcome: 'wrong', note: 'Size recorded in mm, not cm.' });
    expect(canSave({ outcome: 'wrong', note: 'Size recorded in mm, not cm.  ' }, current)).toBe(false);
    expect(canSave({ outcome: 'follow-up', note: 'Size recorded in mm, not cm.' }, current)).toBe(true);
    expect(canSave({ outcome: 'wrong', note: 'Checked again: cm after all.' }, current)).toBe(true);
  });

  it('an outcome the form does not offer starts the form without a verdict', () => {
    expect(draftOf({ ...current, outcome: 'retired-label' }).outcome).toBe('');
  });
});
