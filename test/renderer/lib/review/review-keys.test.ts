import { describe, expect, it } from 'vitest';
import { reviewKeyAction } from '../../../../src-renderer/lib/review/review-keys';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods
});

describe('reviewKeyAction', () => {
  it('moves with j/k and the arrow keys outside a field', () => {
    expect(reviewKeyAction(press('j'), false)).toBe('next');
    expect(reviewKeyAction(press('ArrowDown'), false)).toBe('next');
    expect(reviewKeyAction(press('k'), false)).toBe('previous');
    expect(reviewKeyAction(press('ArrowUp'), false)).toBe('previous');
    expect(reviewKeyAction(press('x'), false)).toBeNull();
    expect(reviewKeyAction(press('Enter'), false)).toBeNull();
  });

  it('leaves the keys to a field being typed in, except Ctrl+Enter which saves', () => {
    expect(reviewKeyAction(press('j'), true)).toBeNull();
    expect(reviewKeyAction(press('ArrowDown'), true)).toBeNull();
    expect(reviewKeyAction(press('Enter', { ctrlKey: true }), true)).toBe('save');
    expect(reviewKeyAction(press('Enter', { metaKey: true }), false)).toBe('save');
  });

  it('ignores moves with a modifier (browser and system shortcuts)', () => {
    expect(reviewKeyAction(press('j', { ctrlKey: true }), false)).toBeNull();
    expect(reviewKeyAction(press('ArrowDown', { altKey: true }), false)).toBeNull();
  });
});
