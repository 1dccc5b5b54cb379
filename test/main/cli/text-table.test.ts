import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../src-main/cli/text-table';

describe('text tables', () => {
  it('pads every column to its widest cell, two spaces apart, without trailing spaces', () => {
    expect(
      formatTable([
        ['a', 'bbb', 'c'],
        ['dddd', 'e']
      ])
    ).toEqual(['a     bbb  c', 'dddd  e']);
  });

  it('aligns columns right when asked, one by one or all at once', () => {
    const rows = [
      ['r', 'value'],
      ['16', '0.5']
    ];
    expect(formatTable(rows, ['left', 'right'])).toEqual(['r   value', '16    0.5']);
    expect(formatTable(rows, 'right')).toEqual([' r  value', '16    0.5']);
  });
});
