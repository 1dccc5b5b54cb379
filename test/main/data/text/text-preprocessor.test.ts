import { describe, expect, it } from 'vitest';
import {
  fitTextPreprocessor,
  keepLabelled,
  MAX_REVIEW_TEXT_CHARS,
  transformText,
  type TextPreprocessorSpec
} from '../../../../src-main/data/text/text-preprocessor';
import { appErrorOf, expectWhere, table } from '../helpers';

const COLUMNS = ['doc_id', 'text', 'label', 'source'];
const ROWS = [
  ['d1', 'Win money now', 'spam', 'a'],
  ['d2', 'Meeting at noon', 'ham', 'a'],
  ['d3', 'Win a prize now', 'spam', 'b'],
  ['d4', 'Lunch at noon', 'ham', 'b'],
  ['d5', 'zebra crossing', 'ham', 'b']
];
const SPEC: TextPreprocessorSpec = {
  textColumn: 'text',
  target: 'label',
  roles: {},
  ignore: [],
  vocab: 100,
  maxLen: 12
};

describe('fitTextPreprocessor', () => {
  it('fits the classes (spam positive), the id columns and the tokenizer on the training rows', () => {
    const { pre, tokenizer } = fitTextPreprocessor(table(COLUMNS, ROWS), [0, 1, 2, 3], SPEC);
    expect(pre).toMatchObject({
      version: 1,
      kind: 'text',
      textColumn: 'text',
      target: 'label',
      task: 'binary',
      classes: ['ham', 'spam'],
      positiveClass: 'spam',
      idColumns: ['doc_id'],
      knownColumns: COLUMNS,
      trainRowCount: 4
    });
    expect(pre.notes).toEqual(['source: the Transformer reads only the text column "text"; left out.']);
    expect(pre.tokenizer).toEqual(tokenizer.toJSON());
    expect(tokenizer.idOf('win')).toBeDefined();
    // Row 4 is not a training row: its words are not in the vocabulary.
    expect(tokenizer.idOf('zebra')).toBeUndefined();
    expect(tokenizer.idOf('crossing')).toBeUndefined();
  });

  it('says nothing about columns the user ignored', () => {
    const { pre } = fitTextPreprocessor(table(COLUMNS, ROWS), [0, 1, 2, 3], { ...SPEC, ignore: ['source'] });
    expect(pre.notes).toEqual([]);
  });

  it('names the available columns when the text column does not exist', () => {
    const err = appErrorOf(() =>
      fitTextPreprocessor(table(COLUMNS, ROWS), [0, 1], { ...SPEC, textColumn: 'body' })
    );
    expect(err.message).toContain('Available columns: doc_id, text, label, source');
    expectWhere(err, { file: 'inline.csv', column: 'body' });
  });

  it('refuses a text column that is also the target or ignored, and a numeric target', () => {
    appErrorOf(() => fitTextPreprocessor(table(COLUMNS, ROWS), [0, 1], { ...SPEC, target: 'text' }));
    appErrorOf(() => fitTextPreprocessor(table(COLUMNS, ROWS), [0, 1], { ...SPEC, ignore: ['text'] }));
    const numeric = ROWS.map((r, i) => [r[0] as string, r[1] as string, String(i * 1.5), 'a']);
    expect(
      appErrorOf(() => fitTextPreprocessor(table(COLUMNS, numeric), [0, 1, 2, 3, 4], SPEC)).message
    ).toMatch(/regression/);
  });
});

describe('transformText', () => {
  const fit = () => fitTextPreprocessor(table(COLUMNS, ROWS), [0, 1, 2, 3], SPEC);

  it('encodes the documents row-major [n, maxLen] with labels, ids and texts', () => {
    const { pre, tokenizer } = fit();
    const split = transformText(pre, table(COLUMNS, ROWS), [1, 4]);
    expect(split).toMatchObject({ rows: [1, 4], n: 2, maxLen: 12, truncated: [], empty: [] });
    expect([...split.x.subarray(0, 12)]).toEqual([...tokenizer.encode('Meeting at noon').ids]);
    expect([...split.x.subarray(12, 24)]).toEqual([...tokenizer.encode('zebra crossing').ids]);
    expect([...split.y]).toEqual([0, 0]);
    expect(split.raw).toEqual(['ham', 'ham']);
    expect(split.ids).toEqual([{ doc_id: 'd2' }, { doc_id: 'd5' }]);
    expect(split.texts).toEqual(['Meeting at noon', 'zebra crossing']);
    // zebra and crossing were never seen and use characters (z) that are no piece: two [UNK].
    expect(split.unknownTokens).toBe(2);
  });

  it('reports truncated and empty documents by row', () => {
    const { pre } = fit();
    const rows = [
      ['e1', 'win now '.repeat(6), 'spam', 'a'],
      ['e2', '', 'ham', 'a'],
      ['e3', 'NA', 'ham', 'a'],
      ['e4', 'win', 'spam', 'a']
    ];
    const split = transformText(pre, table(COLUMNS, rows));
    expect(split.truncated).toEqual([0]);
    expect(split.empty).toEqual([1, 2]);
    expect(split.texts).toEqual(['win now '.repeat(6).trim(), '', '', 'win']);
  });

  it('keeps at most MAX_REVIEW_TEXT_CHARS characters of a document for review', () => {
    const { pre } = fit();
    const long = 'x'.repeat(MAX_REVIEW_TEXT_CHARS - 1) + '\u{1F600}tail';
    const split = transformText(pre, table(COLUMNS, [['e1', long, 'ham', 'a']]));
    // The emoji straddles the limit: it is dropped whole rather than split into a lone surrogate.
    expect(split.texts[0]).toBe(`${'x'.repeat(MAX_REVIEW_TEXT_CHARS - 1)}…`);
  });

  it('gives unseen or missing labels NaN, or fails on them when strict', () => {
    const { pre } = fit();
    const rows = [
      ['e1', 'win', 'spam', 'a'],
      ['e2', 'win', 'eggs', 'a'],
      ['e3', 'win', '', 'a']
    ];
    const split = transformText(pre, table(COLUMNS, rows));
    expect([...split.y]).toEqual([1, NaN, NaN]);
    expect(split.raw).toEqual(['spam', null, null]);
    const err = appErrorOf(() => transformText(pre, table(COLUMNS, rows), undefined, { strict: true }));
    expectWhere(err, { file: 'inline.csv', row: 3, column: 'label' });

    const kept = keepLabelled(split);
    expect(kept).toMatchObject({ rows: [0], n: 1, raw: ['spam'], ids: [{ doc_id: 'e1' }], texts: ['win'] });
    expect([...kept.x]).toEqual([...split.x.subarray(0, 12)]);
  });

  it('scores a file without the label column, and refuses one without the text column', () => {
    const { pre } = fit();
    const unlabelled = transformText(pre, table(['text'], [['win money'], ['noon']]));
    expect(unlabelled.raw).toEqual([null, null]);
    expect(unlabelled.ids).toEqual([{}, {}]);
    const err = appErrorOf(() => transformText(pre, table(['body', 'label'], [['win', 'spam']])));
    expect(err.message).toContain('Available columns: body, label');
  });
});
