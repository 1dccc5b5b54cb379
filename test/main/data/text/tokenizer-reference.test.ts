import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tokenizer } from '../../../../src-main/data/text/tokenizer';
import { loadSample } from '../helpers';

/** Written by test/fixtures/data/text/tokenizer-reference.py, a separate implementation of the rules. */
interface Reference {
  vocabSize: number;
  maxLen: number;
  trainRows: number[];
  vocabulary: string[];
  encoded: Record<string, { ids: number[]; truncated: boolean }>;
}

const REFERENCE = JSON.parse(
  readFileSync(resolve(__dirname, '../../../fixtures/data/text/tokenizer-reference.json'), 'utf8')
) as Reference;

describe('Tokenizer against the reference implementation (ASCII e-mails of the spam sample)', () => {
  const table = loadSample('spam-assassin.csv');
  const text = table.columns.indexOf('text');
  const documentOf = (row: number): string => table.rows[row]?.[text] ?? '';
  const tokenizer = Tokenizer.fit(REFERENCE.trainRows.map(documentOf), {
    vocab: REFERENCE.vocabSize,
    maxLen: REFERENCE.maxLen
  });

  it('learns the same vocabulary, id for id', () => {
    expect(tokenizer.spec.vocabulary).toEqual(REFERENCE.vocabulary);
  });

  it('encodes training and held-out e-mails to the same ids', () => {
    const rows = Object.keys(REFERENCE.encoded);
    expect(rows.length).toBe(80);
    for (const row of rows) {
      const expected = REFERENCE.encoded[row];
      const encoded = tokenizer.encode(documentOf(Number(row)));
      expect({ row, ids: [...encoded.ids], truncated: encoded.truncated }).toEqual({ row, ...expected });
    }
  });
});
