export interface SharedHistogram {
  /** binCount + 1 ascending edges; bin i is [edges[i], edges[i+1]), the last one closed. */
  edges: number[];
  /** One row of binCount counts per input group. */
  counts: number[][];
  /** True when values above the upper edge were folded into the last bin. */
  clipped: boolean;
}

/**
 * Histograms of several groups over the same bins, so that in-distribution and OOD score
 * distributions can be compared bar by bar. The range spans every finite value of every group
 * (widened by ±0.5 when all values are equal); non-finite values are left out. With
 * `clipQuantile` q < 1 the upper edge is the pooled q-quantile (nearest rank) and larger values
 * count in the last bin, so a long tail does not squash the bulk of the distribution.
 */
export function sharedHistogram(
  groups: readonly (readonly number[])[],
  binCount: number,
  clipQuantile = 1
): SharedHistogram {
  const pooled = groups.flatMap((g) => g.filter((v) => Number.isFinite(v))).sort((a, b) => a - b);
  let min = pooled[0] ?? Infinity;
  const top = pooled[pooled.length - 1] ?? -Infinity;
  let max =
    clipQuantile < 1 ? (pooled[Math.max(0, Math.ceil(clipQuantile * pooled.length) - 1)] ?? top) : top;
  const clipped = max < top;
  if (min === Infinity) {
    min = 0;
    max = 1;
  } else if (min === max) {
    min -= 0.5;
    max += 0.5;
  }
  const width = (max - min) / binCount;
  const edges = Array.from({ length: binCount + 1 }, (_, i) => (i === binCount ? max : min + i * width));
  const counts = groups.map((group) => {
    const row = new Array<number>(binCount).fill(0);
    for (const v of group) {
      if (!Number.isFinite(v)) continue;
      const index = Math.min(binCount - 1, Math.max(0, Math.floor((v - min) / width)));
      row[index] = (row[index] ?? 0) + 1;
    }
    return row;
  });
  return { edges, counts, clipped };
}
