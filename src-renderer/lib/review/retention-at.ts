import type { ReviewQueue } from '@shared/domain/review';

type RetentionPoint = ReviewQueue['retention']['points'][number];

/** What the refer slider shows: the kept records' metric at the chosen share and with none referred. */
export interface RetentionReading {
  point: RetentionPoint;
  /** The metric over every labelled test record (refer 0 %), to compare against. */
  baseline: RetentionPoint | null;
}

/**
 * The retention point at the slider's refer share (the one nearest to it), read from the curve the
 * queue came with, so moving the slider needs no round trip (METHOD.md section 6, selective
 * prediction). Null when the run has no labelled test records.
 */
export function retentionAt(
  points: readonly RetentionPoint[],
  referPercent: number
): RetentionReading | null {
  let point: RetentionPoint | null = null;
  for (const candidate of points) {
    if (
      point === null ||
      Math.abs(candidate.referPercent - referPercent) < Math.abs(point.referPercent - referPercent)
    )
      point = candidate;
  }
  if (point === null) return null;
  return { point, baseline: points.find((p) => p.referPercent === 0) ?? null };
}
