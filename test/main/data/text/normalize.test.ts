import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NORMALIZATION,
  EMAIL_TOKEN,
  normalizeText,
  pretokenize,
  URL_TOKEN
} from '../../../../src-main/data/text/normalize';

describe('pretokenize', () => {
  it('lower-cases and makes every punctuation mark its own token', () => {
    expect(pretokenize("Hello, World! I can't.")).toEqual([
      'hello',
      ',',
      'world',
      '!',
      'i',
      'can',
      "'",
      't',
      '.'
    ]);
  });

  it('lower-cases beyond ASCII and folds compatibility forms (NFKC)', () => {
    expect(pretokenize('ÉCOLE ΑΘΗΝΑ ＦＵＬＬ ﬁne')).toEqual(['école', 'αθηνα', 'full', 'fine']);
    // A decomposed é (e + combining acute) is the same word as the composed one.
    expect(pretokenize('Cafe\u0301')).toEqual(['café']);
  });

  it('replaces URLs and e-mail addresses by one placeholder each', () => {
    expect(pretokenize('See https://example.com/a?b=1 or www.x.org, mail Bob.Smith@Example.org now')).toEqual(
      ['see', URL_TOKEN, 'or', URL_TOKEN, 'mail', EMAIL_TOKEN, 'now']
    );
    // Typed brackets never produce a placeholder: they are split off as marks.
    expect(pretokenize('[URL]')).toEqual(['[', 'url', ']']);
  });

  it('maps digits to their shape and cuts long digit runs', () => {
    expect(pretokenize('Call 555-1234 in 2002, 12345678 times, mp3')).toEqual([
      'call',
      '000',
      '-',
      '0000',
      'in',
      '0000',
      ',',
      '000000',
      'times',
      ',',
      'mp0'
    ]);
    // Arabic-Indic digits are decimal digits too.
    expect(pretokenize('\u0661\u0662\u0663')).toEqual(['000']);
  });

  it('cuts words longer than maxWordChars, counting code points', () => {
    expect(pretokenize('a'.repeat(30))).toEqual(['a'.repeat(24)]);
    // Gothic letters lie outside the BMP: two UTF-16 units each, one code point.
    expect(pretokenize('\u{10330}'.repeat(30))).toEqual(['\u{10330}'.repeat(24)]);
  });

  it('keeps at most maxRepeat consecutive copies of one mark', () => {
    expect(pretokenize('wow!!!!!! ----- ok')).toEqual(['wow', '!', '!', '!', '-', '-', '-', 'ok']);
    expect(pretokenize('! ! ! ! !')).toEqual(['!', '!', '!']);
    expect(pretokenize('!?!?')).toEqual(['!', '?', '!', '?']);
    expect(pretokenize('a!!!!b!!')).toEqual(['a', '!', '!', '!', 'b', '!', '!']);
  });

  it('makes each Han or kana character a token and drops controls and format characters', () => {
    expect(pretokenize('東京abc カナ')).toEqual(['東', '京', 'abc', 'カ', 'ナ']);
    expect(pretokenize('a\tb\u0007c\u200bd\r\ne')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pretokenize('   ')).toEqual([]);
  });

  it('stays linear on long runs of marks (no rescanning for e-mail addresses)', () => {
    const started = Date.now();
    expect(pretokenize('-'.repeat(100_000))).toEqual(['-', '-', '-']);
    expect(pretokenize('a.'.repeat(50_000))).toHaveLength(100_000);
    // Quadratic rescanning takes minutes on these; linear scanning well under a second.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops after limit tokens', () => {
    expect(pretokenize('a b c d', DEFAULT_NORMALIZATION, 2)).toEqual(['a', 'b']);
    expect(pretokenize('a b', DEFAULT_NORMALIZATION, 0)).toEqual([]);
  });

  it('follows the rules it is given', () => {
    const rules = { maxWordChars: 3, maxDigits: 2, maxRepeat: 1 };
    expect(pretokenize('abcdef 12345 ??? x', rules)).toEqual(['abc', '00', '?', 'x']);
  });
});

describe('normalizeText', () => {
  it('joins the tokens with single spaces', () => {
    expect(normalizeText('  Hello,\n\n  World!  ')).toBe('hello , world !');
  });
});
