import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../../src-main/data/text/normalize';
import { Tokenizer, type TokenizerJson } from '../../../../src-main/data/text/tokenizer';
import { appErrorOf, loadSample } from '../helpers';

/** Word counts: the 5, cat 3, sat 3, on 2, mat 1, hat 1 (the corpus of vocabulary.test.ts). */
const TEXTS = ['The cat sat on the mat', 'the CAT sat on the hat', 'the cat sat'];

/**
 * Worked by hand (vocabulary.test.ts): ids 0-4 the specials, then the 5, cat 6, sat 7, on 8, ##a 9,
 * ##t 10, ##e 11, ##h 12, t 13, c 14, s 15, ##n 16, o 17, h 18, m 19, ##at 20.
 */
const ID = { the: 5, cat: 6, sat: 7, on: 8, a: 9, t: 10, e: 11, T: 13, h: 18, m: 19, at: 20 };

let spamTexts: string[] | null = null;
/** The e-mails of the spam sample, parsed once for the tests that use real text. */
function emails(): string[] {
  spamTexts ??= loadSample('spam-assassin.csv').rows.map((row) => row[0] as string);
  return spamTexts;
}

function fitted(maxLen = 8): Tokenizer {
  return Tokenizer.fit(TEXTS, { vocab: 24, maxLen });
}

describe('Tokenizer.encode', () => {
  it('puts [CLS] first, then the ids, then [PAD] with its mask', () => {
    const encoded = fitted().encode('The cat sat');
    expect([...encoded.ids]).toEqual([2, ID.the, ID.cat, ID.sat, 0, 0, 0, 0]);
    expect([...encoded.mask]).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
    expect(encoded).toMatchObject({ length: 4, truncated: false, unknown: 0 });
  });

  it('spells words outside the word vocabulary with pieces', () => {
    const tokenizer = fitted();
    // hat: "h" then "##at"; mat: "m" then "##at"; tea: "t", "##e", "##a".
    expect([...tokenizer.encode('hat mat tea').ids]).toEqual([2, ID.h, ID.at, ID.m, ID.at, ID.T, ID.e, ID.a]);
  });

  it('makes a word [UNK] when it cannot be spelled, and counts it', () => {
    const tokenizer = fitted();
    // cats: "cat" then no "##s"; bat: no "b"; "!" was never seen; hot: no "##o".
    const encoded = tokenizer.encode('cats bat ! hot the');
    expect([...encoded.ids]).toEqual([2, 1, 1, 1, 1, ID.the, 0, 0]);
    expect(encoded.unknown).toBe(4);
  });

  it('truncates at maxLen and says so', () => {
    const tokenizer = fitted(4);
    expect(tokenizer.encode('the cat sat')).toMatchObject({ length: 4, truncated: false });
    const long = tokenizer.encode('the cat sat on');
    expect([...long.ids]).toEqual([2, ID.the, ID.cat, ID.sat]);
    expect(long).toMatchObject({ length: 4, truncated: true });
    // A word spelled with pieces is cut in the middle when the row is full.
    expect([...tokenizer.encode('the cat hat').ids]).toEqual([2, ID.the, ID.cat, ID.h]);
    expect(tokenizer.encode('the cat hat').truncated).toBe(true);
  });

  it('encodes an empty document as [CLS] alone', () => {
    const encoded = fitted().encode('  ');
    expect([...encoded.ids]).toEqual([2, 0, 0, 0, 0, 0, 0, 0]);
    expect(encoded.length).toBe(1);
  });

  it('writes into a batch row when given one', () => {
    const tokenizer = fitted(4);
    const batch = new Int32Array(12).fill(-1);
    tokenizer.encode('sat', batch, 4);
    expect([...batch]).toEqual([-1, -1, -1, -1, 2, ID.sat, 0, 0, -1, -1, -1, -1]);
  });
});

describe('Tokenizer.decode', () => {
  it('joins words with spaces, glues ## pieces and skips [CLS] and [PAD]', () => {
    expect(fitted().decode([2, ID.the, ID.h, ID.at, ID.T, ID.e, ID.a, 1, 0, 0])).toBe('the hat tea [UNK]');
  });

  it('round-trips in-vocabulary text to its normalized form', () => {
    const tokenizer = Tokenizer.fit(['Hello, world! Hello, world!'], { vocab: 40, maxLen: 32 });
    for (const text of ['HELLO,   World!', 'world, hello! hello', 'Hello , world ! !']) {
      expect(tokenizer.decode(tokenizer.encode(text).ids)).toBe(normalizeText(text));
    }
    // Words spelled with pieces come back whole.
    expect(fitted(16).decode(fitted(16).encode('The mat, the HAT: tea!').ids)).toBe(
      'the mat [UNK] the hat [UNK] tea [UNK]'
    );
  });

  it('round-trips real e-mails whose words can all be spelled', () => {
    const texts = emails().slice(0, 400);
    const tokenizer = Tokenizer.fit(texts, { vocab: 2000, maxLen: 4096 });
    let checked = 0;
    for (const text of texts.slice(0, 50)) {
      const encoded = tokenizer.encode(text);
      if (encoded.unknown > 0) continue;
      expect(encoded.truncated).toBe(false);
      expect(tokenizer.decode(encoded.ids)).toBe(normalizeText(text));
      checked++;
    }
    // Every character of a training text is a piece, so nearly every training text can be spelled.
    expect(checked).toBeGreaterThan(45);
  });
});

describe('Tokenizer.fit', () => {
  it('learns from the texts it is given only', () => {
    const tokenizer = Tokenizer.fit(['alpha beta alpha beta'], { vocab: 100, maxLen: 8 });
    expect(tokenizer.idOf('alpha')).toBe(5);
    expect(tokenizer.idOf('beta')).toBe(6);
    expect(tokenizer.idOf('gamma')).toBeUndefined();
    expect(tokenizer.spec.trainDocuments).toBe(1);
  });

  it('caps the vocabulary at the requested size, specials included', () => {
    const texts = emails().slice(0, 300);
    const tokenizer = Tokenizer.fit(texts, { vocab: 500, maxLen: 64 });
    expect(tokenizer.size).toBe(500);
    expect(new Set(tokenizer.spec.vocabulary).size).toBe(500);
  });

  it('is deterministic: the same texts give the same vocabulary in any order', () => {
    const texts = ['b a c', 'c b a', 'd e f', 'a d', 'f e'];
    const forward = Tokenizer.fit(texts, { vocab: 12, maxLen: 8 }).spec.vocabulary;
    const backward = Tokenizer.fit([...texts].reverse(), { vocab: 12, maxLen: 8 }).spec.vocabulary;
    expect(forward).toEqual(backward);
    // a 3, b 2, c 2, d 2, e 2, f 2: budget 7, pieces round(1.75) = 2, so words a..e (ties in code-unit
    // order); the characters come next, and of them only f is new.
    expect(forward.slice(5)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('refuses a vocabulary too small for the special tokens', () => {
    appErrorOf(() => Tokenizer.fit(['a'], { vocab: 5, maxLen: 8 }), 'BAD_REQUEST');
    appErrorOf(() => Tokenizer.fit(['a'], { vocab: 10, maxLen: 0 }), 'BAD_REQUEST');
  });
});

describe('Tokenizer JSON', () => {
  it('survives JSON and encodes identically after loading', () => {
    const tokenizer = fitted();
    const json = JSON.parse(JSON.stringify(tokenizer)) as unknown;
    expect(json).toEqual(tokenizer.toJSON());
    const loaded = Tokenizer.fromJSON(json);
    for (const text of ['the hat', 'tea cats', '']) {
      expect([...loaded.encode(text).ids]).toEqual([...tokenizer.encode(text).ids]);
    }
    expect(tokenizer.toJSON()).toMatchObject({ formatVersion: 1, kind: 'wordpiece', maxLen: 8 });
  });

  it('refuses a damaged or foreign tokenizer with BAD_DATA', () => {
    const good = fitted().toJSON();
    const variants: unknown[] = [
      null,
      { ...good, formatVersion: 2 },
      { ...good, vocabulary: good.vocabulary.slice(1) },
      { ...good, vocabulary: [...good.vocabulary, 'the'] },
      { ...good, maxLen: 0 }
    ];
    for (const json of variants) appErrorOf(() => Tokenizer.fromJSON(json));
    expect(
      appErrorOf(() => Tokenizer.fromJSON({ ...good, vocabulary: [...good.vocabulary, 'the'] })).message
    ).toMatch(/"the" appears twice/);
  });

  it('does not share state with the object it was loaded from', () => {
    const json: TokenizerJson = fitted().toJSON();
    const loaded = Tokenizer.fromJSON(json);
    json.vocabulary[5] = 'changed';
    expect(loaded.tokenOf(5)).toBe('the');
  });
});
