import { describe, expect, it } from 'vitest';
import { decodeText, MAX_COLUMNS, parseTable, sha256Hex } from '../../../src-main/data/csv-table';
import { appErrorOf, expectWhere } from './helpers';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('parseTable: accepted formats', () => {
  it('strips a BOM and handles CRLF line ends', () => {
    const t = parseTable('\ufeffa,b\r\n1,2\r\n3,4\r\n', 'bom.csv');
    expect(t).toEqual({
      fileName: 'bom.csv',
      columns: ['a', 'b'],
      rows: [
        ['1', '2'],
        ['3', '4']
      ],
      delimiter: ','
    });
  });

  it('keeps a quoted delimiter, an escaped quote and a newline inside one cell', () => {
    const t = parseTable('name,note\n"Smith, J","said ""hi""\nthen left"\nDoe,ok\n', 'q.csv');
    expect(t.rows).toEqual([
      ['Smith, J', 'said "hi"\nthen left'],
      ['Doe', 'ok']
    ]);
  });

  it('detects a semicolon delimiter (European CSV with decimal commas)', () => {
    const t = parseTable('x;y;label\n1,5;2;a\n3,25;4;b\n', 'eu.csv');
    expect(t.delimiter).toBe(';');
    expect(t.columns).toEqual(['x', 'y', 'label']);
    expect(t.rows[0]).toEqual(['1,5', '2', 'a']);
  });

  it('detects tab and pipe delimiters', () => {
    expect(parseTable('a\tb\n1\t2\n', 'data.txt').delimiter).toBe('\t');
    expect(parseTable('a|b\n1|2\n', 'data.txt').delimiter).toBe('|');
  });

  it('always splits .tsv files on tabs, even when cells contain commas', () => {
    const t = parseTable('city\tnote\nParis\ta, b, c\nRome\td, e\n', 'cities.TSV');
    expect(t.delimiter).toBe('\t');
    expect(t.rows).toEqual([
      ['Paris', 'a, b, c'],
      ['Rome', 'd, e']
    ]);
  });

  it('reads a single-column file and skips blank lines', () => {
    const t = parseTable('value\n1\n\n2\n\n', 'one.csv');
    expect(t.columns).toEqual(['value']);
    expect(t.rows).toEqual([['1'], ['2']]);
  });

  it('trims header names but keeps cells as written', () => {
    const t = parseTable(' a , b\n x ,2\n', 'sp.csv');
    expect(t.columns).toEqual(['a', 'b']);
    expect(t.rows[0]).toEqual([' x ', '2']);
  });
});

describe('parseTable: hostile inputs give BAD_DATA with the place', () => {
  it('empty file', () => {
    const e = appErrorOf(() => parseTable('', 'empty.csv'));
    expect(e.message).toMatch(/empty/);
    expectWhere(e, { file: 'empty.csv' });
    appErrorOf(() => parseTable('\ufeff \r\n\n', 'blank.csv'));
  });

  it('header only', () => {
    const e = appErrorOf(() => parseTable('a,b,c\r\n', 'header.csv'));
    expect(e.message).toMatch(/no data rows/);
    expectWhere(e, { file: 'header.csv', row: 2 });
  });

  it('binary content', () => {
    const e = appErrorOf(() => parseTable('PK\u0003\u0004\u0000\u0000binary', 'book.xlsx'));
    expect(e.message).toMatch(/binary/);
    const noisy = Array.from({ length: 200 }, (_, i) =>
      String.fromCharCode(i % 8 === 0 ? 65 : 1 + (i % 20))
    ).join('');
    appErrorOf(() => parseTable(noisy, 'noise.csv'));
  });

  it('ragged row: the first bad line (header = line 1) and its field count', () => {
    const e = appErrorOf(() => parseTable('a,b,c\n1,2,3\n4,5\n6,7,8,9\n', 'ragged.csv'));
    expectWhere(e, { file: 'ragged.csv', row: 3 });
    expect(e.message).toMatch(/Line 3 .* has 2 fields but the header has 3/);
    expect(e.message).toMatch(/2 rows in all/);
  });

  it('ragged row after a multi-line quoted cell is numbered by its line in the file', () => {
    const e = appErrorOf(() => parseTable('a,b\r\n1,"two\r\nlines"\r\n\r\n3\r\n', 'ml.csv'));
    expectWhere(e, { file: 'ml.csv', row: 5 });
  });

  it('an unterminated quote', () => {
    const e = appErrorOf(() => parseTable('a,b\n1,2\n3,"open\n5,6\n', 'quote.csv'));
    expectWhere(e, { file: 'quote.csv', row: 3 });
    expect(e.message).toMatch(/closing quote/);
  });

  it('duplicate header names', () => {
    const e = appErrorOf(() => parseTable('a,b,a\n1,2,3\n', 'dup.csv'));
    expectWhere(e, { file: 'dup.csv', row: 1, column: 'a' });
    expect(e.message).toMatch(/columns 1 and 3/);
  });

  it('line numbers count blank lines before the header', () => {
    expectWhere(
      appErrorOf(() => parseTable('\n\na,a\n1,2\n', 'lead.csv')),
      { file: 'lead.csv', row: 3, column: 'a' }
    );
    expectWhere(
      appErrorOf(() => parseTable('\na,b\n1,2\n\n3\n', 'lead.csv')),
      { file: 'lead.csv', row: 5 }
    );
  });

  it('empty header name', () => {
    const e = appErrorOf(() => parseTable('a,,c\n1,2,3\n', 'noname.csv'));
    expectWhere(e, { file: 'noname.csv', row: 1, column: '#2' });
  });

  it('more than MAX_COLUMNS columns', () => {
    const header = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: MAX_COLUMNS + 1 }, () => '1').join(',');
    const e = appErrorOf(() => parseTable(`${header}\n${row}\n`, 'wide.csv'));
    expect(e.message).toMatch(/10001 columns/);
  });
});

describe('decodeText', () => {
  it('decodes UTF-8 and drops the BOM', () => {
    expect(decodeText(utf8('\ufeffcafé,ü\n'), 'x.csv')).toBe('café,ü\n');
  });

  it('refuses Latin-1 bytes asking for UTF-8', () => {
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]); // "café" in ISO-8859-1
    const e = appErrorOf(() => decodeText(latin1, 'latin.csv'));
    expect(e.message).toMatch(/save the file as UTF-8/);
    expect(e.message).toMatch(/on line 1\b/);
    expectWhere(e, { file: 'latin.csv', row: 1 });
  });

  it('names the line of the first byte that is not UTF-8, after valid multi-byte characters', () => {
    // "a,ü\nb,c\nd,\xe9\n": line 2 is plain, the Latin-1 é (0xe9) sits on line 3.
    const bytes = new Uint8Array([
      0x61, 0x2c, 0xc3, 0xbc, 0x0a, 0x62, 0x2c, 0x63, 0x0a, 0x64, 0x2c, 0xe9, 0x0a
    ]);
    const e = appErrorOf(() => decodeText(bytes, 'mixed.csv'));
    expect(e.message).toMatch(/on line 3\b/);
    expectWhere(e, { file: 'mixed.csv', row: 3 });
  });

  it('refuses UTF-16 and binary bytes', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00, 0x62, 0x00]);
    expect(appErrorOf(() => decodeText(utf16, 'u16.csv')).message).toMatch(/UTF-16/);
    expect(appErrorOf(() => decodeText(new Uint8Array([1, 0, 2]), 'b.bin')).message).toMatch(/binary/);
    expect(appErrorOf(() => decodeText(new Uint8Array(), 'e.csv')).message).toMatch(/empty/);
  });
});

describe('sha256Hex', () => {
  it('matches the published SHA-256 of "abc"', () => {
    expect(sha256Hex(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
