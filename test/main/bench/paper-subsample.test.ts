import { describe, expect, it } from 'vitest';
import { parseTable } from '../../../src-main/data/csv-table';
import {
  stratifiedRowIndices,
  stratifiedSubsampleCsv,
  stratumQuotas
} from '../../../src-main/bench/paper-subsample';

describe('the stratified subsample of the spam e-mails', () => {
  it('gives each stratum its share, the largest remainders rounding up', () => {
    // 4 of 10 rows from strata of 5, 3, 2: exact shares 2, 1.2, 0.8 -> floors 2, 1, 0 (3 rows);
    // the one row left goes to the largest remainder, 0.8.
    expect(stratumQuotas([5, 3, 2], 4)).toEqual([2, 1, 1]);
    // 3 of 6 from 2, 2, 2: shares 1, 1, 1 exactly.
    expect(stratumQuotas([2, 2, 2], 3)).toEqual([1, 1, 1]);
    // 2 of 3 from 1, 1, 1: shares 2/3 each, equal remainders: the strata seen first round up.
    expect(stratumQuotas([1, 1, 1], 2)).toEqual([1, 1, 0]);
    // Asking for every row (or more) keeps every row.
    expect(stratumQuotas([4, 1], 9)).toEqual([4, 1]);
  });

  it('takes evenly spaced rows within each stratum and returns them in file order', () => {
    //             0    1    2    3    4    5    6    7    8    9
    const values = ['a', 'b', 'a', 'a', 'c', 'b', 'a', 'a', 'b', 'c'];
    // a: rows 0, 2, 3, 6, 7 (5); b: 1, 5, 8 (3); c: 4, 9 (2). Quotas for 4 rows: 2, 1, 1.
    // a keeps positions floor(0 * 5 / 2) = 0 and floor(1 * 5 / 2) = 2: rows 0 and 3.
    // b keeps position 0: row 1. c keeps position 0: row 4.
    expect(stratifiedRowIndices(values, 4)).toEqual([0, 1, 3, 4]);
    // 6 rows: shares 3, 1.8, 1.2 -> 3, 1, 1 + one to b (remainder 0.8) -> 3, 2, 1.
    // a: positions 0, 1, 3 (floor(k * 5 / 3)) -> rows 0, 2, 6; b: positions 0, 1 (floor(k * 3 / 2)) -> rows 1, 5; c: row 4.
    expect(stratifiedRowIndices(values, 6)).toEqual([0, 1, 2, 4, 5, 6]);
  });

  it('is deterministic and keeps the header and the cells of the chosen rows, quotes included', () => {
    const csv = [
      'text,label,collection',
      '"hello, there",ham,one',
      'buy now,spam,two',
      '"say ""hi""",ham,one',
      'cheap,spam,two'
    ].join('\n');
    const table = parseTable(csv, 'mail.csv');
    const part = stratifiedSubsampleCsv(table, 'collection', 2);
    expect(part).toBe(stratifiedSubsampleCsv(table, 'collection', 2));
    expect(parseTable(part, 'part.csv').rows).toEqual([
      ['hello, there', 'ham', 'one'],
      ['buy now', 'spam', 'two']
    ]);
    expect(() => stratifiedSubsampleCsv(table, 'folder', 2)).toThrow(/"folder"/);
  });
});
