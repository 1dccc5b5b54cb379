import { describe, expect, it } from 'vitest';
import { matchOod, randomSplit } from '../../../src-main/data/splits';
import { appErrorOf, expectWhere, table } from './helpers';

const rows = Array.from({ length: 100 }, (_, i) => i);

describe('randomSplit', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = randomSplit(rows, { validation: 0.15, test: 0.15 }, 42);
    expect(randomSplit(rows, { validation: 0.15, test: 0.15 }, 42)).toEqual(a);
    expect(randomSplit(rows, { validation: 0.15, test: 0.15 }, 43)).not.toEqual(a);
  });

  it('gives disjoint parts of the requested sizes that cover every row', () => {
    const s = randomSplit(rows, { validation: 0.15, test: 0.2 }, 1);
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([65, 15, 20]);
    const all = [...s.train, ...s.validation, ...s.test];
    expect(new Set(all).size).toBe(100);
    expect([...all].sort((a, b) => a - b)).toEqual(rows);
    expect(s.train).toEqual([...s.train].sort((a, b) => a - b));
  });

  it('splits the given row ids (not 0..n-1) and keeps one row per positive fraction', () => {
    const s = randomSplit([10, 20, 30], { validation: 0.1, test: 0.1 }, 5);
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([1, 1, 1]);
    expect([...s.train, ...s.validation, ...s.test].sort((a, b) => a - b)).toEqual([10, 20, 30]);
  });

  it('refuses too few rows and bad fractions', () => {
    expect(appErrorOf(() => randomSplit([1, 2], { validation: 0.2, test: 0.2 }, 1)).message).toMatch(
      /too few/
    );
    appErrorOf(() => randomSplit(rows, { validation: 0.6, test: 0.5 }, 1), 'BAD_REQUEST');
  });
});

describe('matchOod', () => {
  const t = table(
    ['site', 'year'],
    [
      ['Seattle', '2014'],
      [' New York ', '2015'],
      ['Seattle', '2015'],
      ['new york', '2012']
    ],
    'w.csv'
  );

  it('matches any condition, exactly after trimming', () => {
    expect(matchOod(t, [{ column: 'site', value: 'New York' }])).toEqual([false, true, false, false]);
    expect(
      matchOod(t, [
        { column: 'site', value: 'New York ' },
        { column: 'year', value: '2014' }
      ])
    ).toEqual([true, true, false, false]);
    expect(matchOod(t, [])).toEqual([false, false, false, false]);
  });

  it('an unknown column fails naming it and the available columns', () => {
    const e = appErrorOf(() => matchOod(t, [{ column: 'city', value: 'Seattle' }]));
    expect(e.message).toMatch(/"city".*site, year/);
    expectWhere(e, { file: 'w.csv', column: 'city' });
  });

  it('a condition that matches no row fails saying so', () => {
    const e = appErrorOf(() => matchOod(t, [{ column: 'site', value: 'Boston' }]));
    expect(e.message).toMatch(/No row .* site = "Boston"/);
  });
});
