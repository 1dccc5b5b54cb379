import { describe, expect, it } from 'vitest';
import { outcomeLabel, outcomeShortLabel } from '../../../../src-renderer/lib/review/outcome-labels';

describe('outcome labels', () => {
  it('names every verdict in full and in short', () => {
    expect(outcomeLabel('follow-up')).toBe('Needs follow-up');
    expect(outcomeShortLabel('follow-up')).toBe('Follow-up');
    expect(outcomeLabel('not-assessable')).toBe('Cannot be assessed');
    expect(outcomeShortLabel('not-assessable')).toBe('Not assessable');
    expect(outcomeShortLabel('wrong')).toBe('Wrong');
    expect(outcomeShortLabel('confirmed')).toBe('Confirmed');
  });

  it('shows an outcome it does not know as stored', () => {
    expect(outcomeLabel('escalated')).toBe('escalated');
    expect(outcomeShortLabel('escalated')).toBe('escalated');
  });
});
