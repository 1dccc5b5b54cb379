import type { OrderedSeries } from './series-order';

/**
 * One sliding window of a series (positions index OrderedSeries.rows): the inputs are the W steps
 * end-W+1 .. end (t-W+1 .. t), the label is the target at position `target` = end + horizon.
 */
export interface SeriesWindow {
  /** Index into the ordered series list. */
  series: number;
  end: number;
  target: number;
}

/** First position of a window's span (its oldest input step). */
export function spanStart(w: SeriesWindow, window: number): number {
  return w.end - window + 1;
}

/**
 * Every window of every series, series by series in time order. A window whose span
 * t-W+1 .. t+horizon crosses a gap (two segments) is skipped and counted, since its steps would not
 * be equally spaced and the label would not be `horizon` steps ahead.
 */
export function listWindows(
  series: readonly OrderedSeries[],
  window: number,
  horizon: number
): { windows: SeriesWindow[]; acrossGaps: number } {
  const windows: SeriesWindow[] = [];
  let acrossGaps = 0;
  series.forEach((s, index) => {
    for (let end = window - 1; end + horizon < s.rows.length; end++) {
      const target = end + horizon;
      if (s.segment[end - window + 1] !== s.segment[target]) acrossGaps++;
      else windows.push({ series: index, end, target });
    }
  });
  return { windows, acrossGaps };
}
