/** The Transformer's heads must split d_model evenly. */

/** Multi-head attention splits d_model evenly across the heads; null when the split is valid. */
export function headsProblem(dModel: number, heads: number): string | null {
  if (!Number.isInteger(dModel) || !Number.isInteger(heads) || heads < 1) return null;
  if (dModel % heads === 0) return null;
  return `d_model (${dModel}) must be a multiple of the number of heads (${heads}): each head gets d_model / heads dimensions. Try ${heads * Math.max(1, Math.round(dModel / heads))} or ${largestDivisorAtMost(dModel, heads)} heads.`;
}

function largestDivisorAtMost(n: number, limit: number): number {
  for (let h = Math.min(limit, n); h > 1; h--) if (n % h === 0) return h;
  return 1;
}
