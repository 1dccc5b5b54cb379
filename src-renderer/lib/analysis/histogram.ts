export interface SharedHistogram {
  /** binCount + 1 ascending edges; bin i is [edges[i], edges[i+1]), the last one closed. */
  edges: number[];
  /** One row of binCount counts per input group. */
  counts: number[][];
}

/**
 * Histograms of several groups over the same bins, so that in-distribution and OOD score
 * distributions can be compared bar by bar. The range spans every finite value of every group
 * (widened by ±0.5 when all values are equal); non-finite values are left out.
 */
export function sharedHistogram(groups: readonly (readonly number[])[], binCount: number): SharedHistogram {
  let min = Infinity;
  let max = -Infinity;
  for (const group of groups) {
    for (const v of group) {
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
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
      const index = Math.min(binCount - 1, Math.floor((v - min) / width));
      row[index] = (row[index] ?? 0) + 1;
    }
    return row;
  });
  return { edges, counts };
}
