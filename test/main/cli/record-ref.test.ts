import { describe, expect, it } from 'vitest';
import { formatRecordRef, parseRecordRef } from '../../../src-main/cli/record-ref';

describe('records named SPLIT:ROW', () => {
  it('counts rows from 1 on the command line and from 0 in storage', () => {
    expect(parseRecordRef('note', 'test:12')).toEqual({ split: 'test', rowIndex: 11 });
    expect(parseRecordRef('note', ' scored:1 ')).toEqual({ split: 'scored', rowIndex: 0 });
    expect(formatRecordRef({ split: 'ood', rowIndex: 0 })).toBe('ood:1');
    expect(formatRecordRef(parseRecordRef('history', 'scored:40'))).toBe('scored:40');
  });

  it('refuses anything else, naming the option and the accepted form', () => {
    for (const text of ['test:0', 'test', 'test:1.5', 'tests:3', 'test:-1', ':4', 'TEST:2', '']) {
      expect(() => parseRecordRef('note', text)).toThrow(
        `--note takes SPLIT:ROW as the review queue prints it (SPLIT one of train, validation, test, ood, scored, ROW from 1; e.g. test:12), got "${text}".`
      );
    }
  });
});
