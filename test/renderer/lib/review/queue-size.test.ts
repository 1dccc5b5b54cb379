import { describe, expect, it } from 'vitest';
import { queueSize } from '../../../../src-renderer/lib/review/queue-size';

describe('queueSize', () => {
  it('counts the whole queue from what one status lists', () => {
    // 42 records in the queue, 5 of them reviewed.
    expect(queueSize('all', 42, 5)).toBe(42);
    expect(queueSize('pending', 37, 5)).toBe(42);
    expect(queueSize('reviewed', 5, 5)).toBeNull();
  });
});
