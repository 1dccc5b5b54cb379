import { describe, expect, it } from 'vitest';
import {
  countWords,
  DEFAULT_VOCABULARY_OPTIONS,
  learnVocabulary,
  SPECIAL_TOKENS
} from '../../../../src-main/data/text/vocabulary';

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[URL]', '[EMAIL]'];

/** the 5, cat 3, sat 3, on 2, mat 1, hat 1: the corpus worked by hand below. */
const COUNTS = new Map([
  ['the', 5],
  ['cat', 3],
  ['sat', 3],
  ['on', 2],
  ['mat', 1],
  ['hat', 1]
]);

describe('countWords', () => {
  it('counts every occurrence over the documents', () => {
    const counts = countWords([
      ['the', 'cat', 'the'],
      ['cat', 'x']
    ]);
    expect([...counts].sort()).toEqual([
      ['cat', 2],
      ['the', 2],
      ['x', 1]
    ]);
  });
});

describe('learnVocabulary', () => {
  it('starts with the special tokens at their fixed ids', () => {
    expect(SPECIAL_TOKENS).toEqual(SPECIALS);
  });

  it('takes frequent words, then single characters, then frequent n-grams of the rare words', () => {
    // Budget 24 - 5 = 19: pieces round(19 * 0.25) = 5, words up to 14, but only 4 words are seen twice.
    // Characters, weighted by word counts: ##a 8, ##t 8, ##e 5, ##h 5, t 5, c 3, s 3, ##n 2, o 2, h 1, m 1.
    // N-grams of the rare words mat and hat: ##at 2 (kept), ma, mat, ha, hat 1 (below minPieceCount 2).
    const vocab = learnVocabulary(COUNTS, { ...DEFAULT_VOCABULARY_OPTIONS, size: 24 });
    expect(vocab).toEqual([
      ...SPECIALS,
      'the',
      'cat',
      'sat',
      'on',
      '##a',
      '##t',
      '##e',
      '##h',
      't',
      'c',
      's',
      '##n',
      'o',
      'h',
      'm',
      '##at'
    ]);
  });

  it('never exceeds the size: ranked characters are cut at the budget', () => {
    // Budget 11: the 4 words, then the 7 best characters.
    const vocab = learnVocabulary(COUNTS, { ...DEFAULT_VOCABULARY_OPTIONS, size: 16 });
    expect(vocab).toEqual([
      ...SPECIALS,
      'the',
      'cat',
      'sat',
      'on',
      '##a',
      '##t',
      '##e',
      '##h',
      't',
      'c',
      's'
    ]);
  });

  it('keeps the pieces their share of the budget and gives words the rest', () => {
    const counts = new Map([
      ['aa', 9],
      ['bb', 8],
      ['cc', 7],
      ['dd', 6]
    ]);
    // Budget 8 - 5 = 3: pieces round(0.75) = 1, words 2; the best character (a / ##a both 9: "##a" first).
    expect(learnVocabulary(counts, { ...DEFAULT_VOCABULARY_OPTIONS, size: 8 })).toEqual([
      ...SPECIALS,
      'aa',
      'bb',
      '##a'
    ]);
    // Without a piece share, words take every slot.
    expect(learnVocabulary(counts, { ...DEFAULT_VOCABULARY_OPTIONS, size: 8, pieceShare: 0 })).toEqual([
      ...SPECIALS,
      'aa',
      'bb',
      'cc'
    ]);
  });

  it('breaks ties in code-unit order whatever the order of the counts', () => {
    const entries: [string, number][] = [
      ['delta', 2],
      ['beta', 2],
      ['alpha', 2],
      ['gamma', 2]
    ];
    const options = { ...DEFAULT_VOCABULARY_OPTIONS, size: 7, pieceShare: 0 };
    const forward = learnVocabulary(new Map(entries), options);
    const backward = learnVocabulary(new Map([...entries].reverse()), options);
    expect(forward).toEqual([...SPECIALS, 'alpha', 'beta']);
    expect(backward).toEqual(forward);
  });

  it('spells rare words only: words seen once are left to pieces, leftover slots go to words', () => {
    const counts = new Map([
      ['x', 3],
      ['y', 1]
    ]);
    // Words: x (y is seen once). Characters: x 3, y 1. No n-gram. Nothing left for more words.
    expect(learnVocabulary(counts, { ...DEFAULT_VOCABULARY_OPTIONS, size: 50 })).toEqual([
      ...SPECIALS,
      'x',
      'y'
    ]);
    // With minWordCount 1 both are words, and their characters are then already in the vocabulary.
    expect(learnVocabulary(counts, { ...DEFAULT_VOCABULARY_OPTIONS, size: 50, minWordCount: 1 })).toEqual([
      ...SPECIALS,
      'x',
      'y'
    ]);
  });

  it('never lists a special token twice, even when a placeholder was counted as a word', () => {
    const vocab = learnVocabulary(
      new Map([
        ['[URL]', 10],
        ['ok', 2]
      ]),
      { ...DEFAULT_VOCABULARY_OPTIONS, size: 20 }
    );
    // Characters o and ##k are both seen twice: "#" (0x23) sorts before "o".
    expect(vocab).toEqual([...SPECIALS, 'ok', '##k', 'o']);
  });
});
