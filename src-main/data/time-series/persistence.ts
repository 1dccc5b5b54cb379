/**
 * MAE of the persistence forecast ("next value = last observed"), the baseline a time-series model
 * must beat: mean |y_i - last_i| over the windows where both are known, in original units. Pass the
 * same windows the model is scored on (SeriesSplit.lastObserved and the labels in original units).
 * Returns NaN when no window has both values.
 *
 * A pure function on plain numbers: it belongs next to mae in src-shared/metrics/regression.ts and
 * lives here only until that file takes it.
 */
export function maeNaive(lastObserved: readonly number[], actual: readonly number[]): number {
  if (lastObserved.length !== actual.length) {
    throw new RangeError(
      `maeNaive: ${lastObserved.length} last observed values but ${actual.length} actual values`
    );
  }
  let sum = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const error = (actual[i] as number) - (lastObserved[i] as number);
    if (!Number.isFinite(error)) continue;
    sum += Math.abs(error);
    n++;
  }
  return n > 0 ? sum / n : Number.NaN;
}
