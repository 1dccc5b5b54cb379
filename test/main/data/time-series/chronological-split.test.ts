import { describe, expect, it } from 'vitest';
import { chronologicalSplit } from '../../../../src-main/data/time-series/chronological-split';
import type { SeriesWindow } from '../../../../src-main/data/time-series/windows';

function windowsAt(ends: number[], horizon: number): SeriesWindow[] {
  return ends.map((end) => ({ series: 0, end, target: end + horizon }));
}
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const ends = (items: SeriesWindow[]): number[] => items.map((w) => w.end);

describe('chronologicalSplit', () => {
  it('takes the latest windows for test, the ones before for validation, and drops those crossing a boundary', () => {
    // W = 3, H = 1, ends 2..21 (n = 20): test = ends 18-21, whose period starts at row 16; windows reaching
    // row 16 (ends 15-17) are dropped; validation = ends 11-14 (period from row 9), ends 8-10 dropped; train 2-7.
    const split = chronologicalSplit(windowsAt(range(2, 21), 1), { validation: 0.2, test: 0.2 }, 3);
    expect(ends(split.test)).toEqual(range(18, 21));
    expect(ends(split.validation)).toEqual(range(11, 14));
    expect(ends(split.train)).toEqual(range(2, 7));
    expect(split.dropped).toBe(6);
  });

  it('drops W + H - 1 windows per boundary with a longer horizon', () => {
    // W = 4, H = 3, ends 3..42 (n = 40): test = ends 37-42 (round 6), period from row 34: ends up to 30
    // kept (31-36 dropped); validation = ends 25-30 (period from 22): ends up to 18 kept (19-24 dropped);
    // train 3-18.
    const split = chronologicalSplit(windowsAt(range(3, 42), 3), { validation: 0.15, test: 0.15 }, 4);
    expect(ends(split.test)).toEqual(range(37, 42));
    expect(ends(split.validation)).toEqual(range(25, 30));
    expect(ends(split.train)).toEqual(range(3, 18));
    expect(split.dropped).toBe(12);
  });

  it('no row is shared between periods, also when gaps thin out the windows', () => {
    const W = 5;
    const H = 2;
    const list = windowsAt([...range(4, 30), ...range(41, 60), ...range(75, 90)], H);
    const split = chronologicalSplit(list, { validation: 0.2, test: 0.25 }, W);
    const span = (w: SeriesWindow): [number, number] => [w.end - W + 1, w.target];
    const last = (items: SeriesWindow[]) => Math.max(...items.map((w) => span(w)[1]));
    const first = (items: SeriesWindow[]) => Math.min(...items.map((w) => span(w)[0]));
    expect(last(split.train)).toBeLessThan(first(split.validation));
    expect(last(split.validation)).toBeLessThan(first(split.test));
    expect(split.test).toHaveLength(Math.round(list.length * 0.25));
    expect(split.validation).toHaveLength(Math.round(list.length * 0.2));
    expect(split.train.length + split.validation.length + split.test.length + split.dropped).toBe(
      list.length
    );
  });

  it('gives everything to training when there is nothing to hold out', () => {
    const split = chronologicalSplit(windowsAt(range(2, 4), 1), { validation: 0.1, test: 0.1 }, 3);
    expect([ends(split.train), split.validation, split.test, split.dropped]).toEqual([[2, 3, 4], [], [], 0]);
  });
});
