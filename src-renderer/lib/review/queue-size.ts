/** Which records of the queue are listed. */
export type ReviewStatus = 'all' | 'pending' | 'reviewed';

/**
 * How many records the whole queue holds, from one status-filtered answer: every record when all
 * are listed, the pending ones plus the reviewed count when only pending ones are; unknown (null)
 * when only reviewed ones are listed, since the answer then says nothing of the pending ones.
 */
export function queueSize(status: ReviewStatus, listed: number, reviewed: number): number | null {
  if (status === 'all') return listed;
  if (status === 'pending') return listed + reviewed;
  return null;
}
