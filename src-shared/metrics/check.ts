/** Input checks shared by the metric functions: they throw RangeError on a caller's mistake. */

export function requireSameLength(name: string, ...arrays: ArrayLike<unknown>[]): number {
  const n = arrays[0]?.length ?? 0;
  if (n === 0) throw new RangeError(`${name}: needs at least one value`);
  for (const a of arrays) {
    if (a.length !== n) throw new RangeError(`${name}: inputs differ in length (${n} vs ${a.length})`);
  }
  return n;
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}
