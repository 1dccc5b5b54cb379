import { SERIES } from './chart-setup';

/** Line colours in a fixed order, one per compared run or layer (Okabe–Ito, repeating after six). */
const ORDER = [SERIES.blue, SERIES.orange, SERIES.green, SERIES.purple, SERIES.red, SERIES.grey];

export function seriesColor(index: number): string {
  return ORDER[index % ORDER.length] ?? SERIES.blue;
}
