export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const MAX_LAYERS = 8;
const MAX_WIDTH = 4096;

/** Parses the hidden-layer widths typed as "128,128" (spaces allowed; empty means no hidden layer). */
export function parseHiddenLayers(text: string): Parsed<number[]> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: [] };
  const parts = trimmed.split(/[\s,]+/).filter((p) => p !== '');
  if (parts.length > MAX_LAYERS) return { ok: false, message: `At most ${MAX_LAYERS} hidden layers.` };
  const widths: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return { ok: false, message: `"${part}" is not a whole number of units.` };
    const width = Number(part);
    if (width < 1 || width > MAX_WIDTH)
      return { ok: false, message: `Layer widths must be 1 to ${MAX_WIDTH}.` };
    widths.push(width);
  }
  return { ok: true, value: widths };
}

/**
 * Resizes the per-matrix rank list when the layer count changes: existing entries keep their
 * value, new ones take `fill`. An MLP with h hidden layers has h + 1 weight matrices.
 */
export function fitRanks(ranks: readonly number[], matrices: number, fill: number): number[] {
  return Array.from({ length: matrices }, (_, i) => ranks[i] ?? fill);
}

/** Names of the weight matrices, e.g. ["input → 128", "128 → 64", "64 → output"]. */
export function matrixLabels(hidden: readonly number[]): string[] {
  const sizes: string[] = ['input', ...hidden.map(String), 'output'];
  return sizes.slice(0, -1).map((from, i) => `${from} → ${sizes[i + 1] ?? ''}`);
}
