import { describe, expect, it } from 'vitest';
import { wordPieceIds } from '../../../../src-main/data/text/wordpiece';

const lookup = new Map([
  ['un', 10],
  ['##aff', 11],
  ['##able', 12],
  ['##a', 13],
  ['u', 14],
  ['##n', 15],
  ['unaffable', 16],
  ['\u{10330}', 17],
  ['##\u{10331}\u{10332}', 18]
]);

describe('wordPieceIds', () => {
  it('gives a word of the vocabulary its own id', () => {
    expect(wordPieceIds('unaffable', lookup)).toEqual([16]);
  });

  it('spells other words by greedy longest match, continuing with ## pieces', () => {
    // un + ##aff + ##able: "un" wins over "u" (longest first), "##aff" over "##a".
    expect(wordPieceIds('unaffables', lookup)).toEqual([1]);
    expect(wordPieceIds('unaffab', lookup)).toEqual([1]);
    expect(wordPieceIds('unaff', lookup)).toEqual([10, 11]);
    expect(wordPieceIds('unaffaffable', lookup)).toEqual([10, 11, 11, 12]);
    expect(wordPieceIds('una', lookup)).toEqual([10, 13]);
  });

  it('makes the whole word [UNK] when a position matches no piece', () => {
    // "x" is no piece, and "n" is only a continuation piece.
    expect(wordPieceIds('unx', lookup)).toEqual([1]);
    expect(wordPieceIds('n', lookup)).toEqual([1]);
  });

  it('counts code points, so pieces never split a surrogate pair', () => {
    expect(wordPieceIds('\u{10330}\u{10331}\u{10332}', lookup)).toEqual([17, 18]);
  });
});
