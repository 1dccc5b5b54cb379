import { describe, expect, it } from 'vitest';
import { detectTask, inferColumns } from '../../../src-main/data/column-inference';
import { appErrorOf, loadSample, table } from './helpers';

describe('inferColumns on the Rotterdam sample', () => {
  const columns = inferColumns(loadSample('breast-cancer-rotterdam.csv'));
  const byName = new Map(columns.map((c) => [c.name, c]));

  it('reads pid as an id, size as categorical and the measurements as numeric', () => {
    expect(byName.get('pid')?.role).toBe('id');
    expect(byName.get('size')?.role).toBe('categorical');
    for (const name of ['age', 'nodes', 'pgr', 'er']) expect(byName.get(name)?.role).toBe('numeric');
  });

  it('counts distinct values, missing cells and gives up to 5 examples', () => {
    expect(byName.get('size')).toMatchObject({ distinct: 3, missing: 0 });
    expect(new Set(byName.get('size')?.examples)).toEqual(new Set(['<=20', '20-50', '>50']));
    expect(byName.get('pid')).toMatchObject({ distinct: 2950, missing: 0 });
    expect(byName.get('pid')?.examples).toHaveLength(5);
    expect(byName.get('event_3y')?.distinct).toBe(2);
  });
});

describe('inferColumns roles and missing values', () => {
  const n = 30;
  const rows = Array.from({ length: n }, (_, i) => [
    String(i + 1), // consecutive unique integers: a row counter
    i % 3 === 0 ? 'NA' : String(1000 + 37 * i * i), // unique but spread out: a measurement
    ['red', 'green', 'blue'][i % 3] as string,
    `A free-text note number ${i} about this record, long enough to be text`,
    `code-${i}`, // unique short strings
    ['?', 'null', 'NaN', 'n/a', ''][i % 5] as string, // every cell missing
    String(i % 4) // small integers
  ]);
  const t = table(['row', 'income', 'colour', 'note', 'code', 'empty', 'level'], rows);
  const info = new Map(inferColumns(t).map((c) => [c.name, c]));

  it('assigns id, numeric, categorical, text and ignore', () => {
    expect(info.get('row')?.role).toBe('id');
    expect(info.get('income')?.role).toBe('numeric');
    expect(info.get('colour')?.role).toBe('categorical');
    expect(info.get('note')?.role).toBe('text');
    expect(info.get('code')?.role).toBe('id'); // short strings, unique per row
    expect(info.get('level')?.role).toBe('numeric');
  });

  it('keeps a measurement numeric with up to 5% of cells that are not numbers, and no more', () => {
    // 40 values: 2 bad cells are 5% (numeric), 3 are 7.5% (no longer numeric).
    const measure = (bad: number): string[][] =>
      Array.from({ length: 40 }, (_, i) => [i < bad ? (['Inf', '1e308', 'oops'][i] as string) : `${i}.5`]);
    expect(inferColumns(table(['x'], measure(2)))[0]?.role).toBe('numeric');
    expect(inferColumns(table(['x'], measure(3)))[0]?.role).not.toBe('numeric');
  });

  it('counts NA, NaN, null, ?, n/a and empty cells as missing, case-insensitively', () => {
    expect(info.get('income')?.missing).toBe(10);
    expect(info.get('empty')).toMatchObject({ missing: n, distinct: 0, role: 'ignore', examples: [] });
  });

  it('recognises id-like names', () => {
    const named = table(
      ['patient_id', 'recordId', 'paid', 'ID'],
      [
        ['a', '1', '3', 'x'],
        ['a', '2', '4', 'y']
      ]
    );
    expect(inferColumns(named).map((c) => c.role)).toEqual(['id', 'id', 'numeric', 'id']);
  });

  it('reads many distinct long strings as text and many distinct short unique strings as ids', () => {
    const many = Array.from({ length: 150 }, (_, i) => [
      `This is review number ${i}, and it says something different each time.`,
      `k${i}`
    ]);
    const roles = inferColumns(table(['review', 'key2'], many)).map((c) => c.role);
    expect(roles).toEqual(['text', 'id']);
  });

  it('leaves out short codes with more than 100 distinct values that repeat', () => {
    const zips = Array.from({ length: 300 }, (_, i) => [`z${i % 150}`, `z${i % 100}`]);
    expect(inferColumns(table(['zip150', 'zip100'], zips)).map((c) => c.role)).toEqual([
      'ignore',
      'categorical'
    ]);
  });
});

describe('detectTask', () => {
  it('binary for two distinct values, ignoring missing cells', () => {
    expect(detectTask(['yes', 'no', 'NA', 'yes'])).toBe('binary');
    expect(detectTask(['0', '1', '1'])).toBe('binary');
  });

  it('multiclass for a few text labels or small integers', () => {
    expect(detectTask(['a', 'b', 'c', 'a'])).toBe('multiclass');
    expect(detectTask(['0', '3', '7', '9', '2'])).toBe('multiclass');
  });

  it('regression for numbers with many distinct values or fractions', () => {
    expect(detectTask(Array.from({ length: 40 }, (_, i) => String(i)))).toBe('regression');
    expect(detectTask(['0.5', '1.5', '2.25'])).toBe('regression');
  });

  it('fails for a constant or all-missing column and for too many text classes', () => {
    expect(appErrorOf(() => detectTask(['a', 'a'])).message).toMatch(/single value/);
    expect(appErrorOf(() => detectTask(['', 'NA'])).message).toMatch(/no values/);
    const labels = Array.from({ length: 60 }, (_, i) => `label${i}`);
    expect(appErrorOf(() => detectTask(labels)).message).toMatch(/60 distinct/);
  });
});
