/** What a key press does in the Review view. */
export type ReviewKeyAction = 'next' | 'previous' | 'save';

interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * Ctrl+Enter (Cmd+Enter on a Mac) saves from anywhere in the view; the arrow keys and j/k move
 * through the queue, except while the reviewer types in a field, where they edit the text.
 */
export function reviewKeyAction(press: KeyPress, typing: boolean): ReviewKeyAction | null {
  if (press.key === 'Enter' && (press.ctrlKey || press.metaKey)) return 'save';
  if (typing || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === 'ArrowDown' || press.key === 'j') return 'next';
  if (press.key === 'ArrowUp' || press.key === 'k') return 'previous';
  return null;
}

/** True when the event's target takes text (a key there types rather than moves). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName.toUpperCase());
}
