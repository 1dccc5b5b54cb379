import { spanStart } from './windows';
import type { SeriesWindow } from './windows';

export interface WindowSplit {
  train: SeriesWindow[];
  validation: SeriesWindow[];
  test: SeriesWindow[];
  /** Windows whose span crosses a split boundary. */
  dropped: number;
}

/**
 * Chronological train / validation / test split of ONE series' windows (ascending in time).
 * With n windows, the latest round(n * test) are the test windows and the round(n * validation)
 * before them the validation windows; the earliest are training windows.
 *
 * Boundary rule: each split owns a period of rows, starting at the oldest input step of its
 * earliest window, and a window belongs to a split only if its whole span (its W input steps and
 * its target step) lies inside that split's period. Earlier windows whose span reaches into the
 * next period are dropped (W + horizon - 1 of them per boundary in a gap-free series). So the
 * periods share no row: no validation or test target is ever a training input or label, and the
 * test metrics score values the model has never seen in any form.
 */
export function chronologicalSplit(
  windows: readonly SeriesWindow[],
  fractions: { validation: number; test: number },
  window: number
): WindowSplit {
  const n = windows.length;
  const nTest = Math.round(n * fractions.test);
  const nValidation = Math.round(n * fractions.validation);
  const test = windows.slice(n - nTest);
  const before = (items: readonly SeriesWindow[], first: SeriesWindow | undefined): SeriesWindow[] =>
    first === undefined ? [...items] : items.filter((w) => w.target < spanStart(first, window));
  const earlier = before(windows.slice(0, n - nTest), test[0]);
  const validation = earlier.slice(Math.max(0, earlier.length - nValidation));
  const train = before(earlier.slice(0, earlier.length - validation.length), validation[0]);
  return { train, validation, test, dropped: n - test.length - validation.length - train.length };
}
