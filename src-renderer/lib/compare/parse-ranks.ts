import type { Parsed } from '../config/hidden-layers';

/** runs:sweep takes 1 to 16 ranks of 1 to 4096. */
const MAX_RANKS = 16;
const MAX_RANK = 4096;

/** Parses the sweep's ranks typed as "2, 4, 8, 16, 32": whole numbers, no repeats, ascending. */
export function parseRanks(text: string): Parsed<number[]> {
  const parts = text
    .trim()
    .split(/[\s,]+/)
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, message: 'Enter at least one rank, e.g. 2,4,8,16.' };
  const ranks = new Set<number>();
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return { ok: false, message: `"${part}" is not a whole number.` };
    const rank = Number(part);
    if (rank < 1 || rank > MAX_RANK) return { ok: false, message: `Ranks must be 1 to ${MAX_RANK}.` };
    ranks.add(rank);
  }
  if (ranks.size > MAX_RANKS) return { ok: false, message: `At most ${MAX_RANKS} ranks per sweep.` };
  return { ok: true, value: [...ranks].sort((a, b) => a - b) };
}
