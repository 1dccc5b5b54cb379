/**
 * Text normalization: the one place that turns a raw document into word tokens. Fitting the
 * vocabulary and encoding both read documents through `pretokenize`, with the rules stored in the
 * tokenizer, so a file scored later is cut into exactly the same words as the training texts.
 *
 * Rules, applied in this order:
 * 1. Unicode NFKC (full-width letters, ligatures and superscripts become their plain forms), then
 *    lower-casing with the Unicode default case mapping (locale-free: the same on every machine).
 *    Variation selectors are dropped (they only choose a glyph).
 * 2. A URL (http://, https://, ftp:// or www. up to the next space) becomes the single token [URL],
 *    an e-mail address becomes [EMAIL]: in mail bodies they are long, unique and carry little
 *    beyond "a link / an address is here".
 * 3. Each Han, Hiragana or Katakana character is a token of its own (these scripts do not put
 *    spaces between words).
 * 4. A word is a maximal run of letters, combining marks and numbers. Every decimal digit becomes 0
 *    (digit shape: 2002 and 1999 are one token, 0000) and a run of more than `maxDigits` digits is
 *    cut to `maxDigits` zeros (phone, order and ticket numbers share one token). A word longer than
 *    `maxWordChars` code points keeps its first `maxWordChars` (encoded blobs, hashes).
 * 5. Every punctuation mark or symbol is a token of its own (can't -> can ' t). More than
 *    `maxRepeat` consecutive tokens that are the same mark keep `maxRepeat` ("!!!!!!" -> ! ! !,
 *    "-----" separators), so decorations do not use up the maximum length.
 * 6. Anything else (white space, control and format characters) separates tokens and is dropped.
 */

export interface NormalizationRules {
  /** Longest word kept, in code points (rule 4). */
  maxWordChars: number;
  /** Longest digit run kept, in digits (rule 4). */
  maxDigits: number;
  /** Most consecutive copies of one punctuation mark or symbol kept (rule 5). */
  maxRepeat: number;
}

export const DEFAULT_NORMALIZATION: NormalizationRules = { maxWordChars: 24, maxDigits: 6, maxRepeat: 3 };

/** Placeholders of rule 2. Brackets are always split off words, so no document text can produce them. */
export const URL_TOKEN = '[URL]';
export const EMAIL_TOKEN = '[EMAIL]';

const IDEOGRAPH = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}`;
// Numbered groups (named ones cost an object per match): 1 URL, 2 e-mail, 3 ideograph, 4 word; else a mark.
// The e-mail's local part is bounded (64, its limit in RFC 5321): tried at every mark, an unbounded
// one would rescan a long run of marks ("-----...") from each position, quadratic in the run.
const TOKEN_PATTERN = new RegExp(
  [
    String.raw`((?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"']+)`,
    String.raw`([\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)`,
    `([${IDEOGRAPH}])`,
    String.raw`((?:(?![${IDEOGRAPH}])[\p{L}\p{M}\p{N}])+)`,
    String.raw`[\p{P}\p{S}]`
  ].join('|'),
  'gu'
);
const VARIATION_SELECTORS = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;
const DIGIT_RUN = /\p{Nd}+/gu;
const ASCII = /^\p{ASCII}*$/u;

/** Rule 1 and the digit shapes of rule 4, over the whole document (a digit run never spans two words). */
function normalizeDocument(text: string, rules: NormalizationRules): string {
  // NFKC and the variation selectors leave ASCII unchanged; most mail is ASCII.
  const ascii = ASCII.test(text);
  let normalized = ascii ? text.toLowerCase() : text.normalize('NFKC').toLowerCase();
  if (!ascii) normalized = normalized.replace(VARIATION_SELECTORS, '');
  return normalized.replace(DIGIT_RUN, (run) =>
    '0'.repeat(Math.min(ascii ? run.length : [...run].length, rules.maxDigits))
  );
}

/** Rule 4's length cap, in code points. */
function capWord(word: string, rules: NormalizationRules): string {
  if (word.length <= rules.maxWordChars) return word;
  const points = [...word];
  return points.length > rules.maxWordChars ? points.slice(0, rules.maxWordChars).join('') : word;
}

/**
 * The word tokens of a document under `rules` (see the rules above). With `limit`, scanning stops
 * once `limit` tokens are found: encoding needs no more than the maximum length (plus one, to know
 * that a document was truncated).
 */
export function pretokenize(
  text: string,
  rules: NormalizationRules = DEFAULT_NORMALIZATION,
  limit = Infinity
): string[] {
  const tokens: string[] = [];
  if (limit <= 0) return tokens;
  const normalized = normalizeDocument(text, rules);
  let repeat = 0;
  for (const match of normalized.matchAll(TOKEN_PATTERN)) {
    const [matched, url, email, ideograph, word] = match;
    const token =
      url !== undefined
        ? URL_TOKEN
        : email !== undefined
          ? EMAIL_TOKEN
          : word !== undefined
            ? capWord(word, rules)
            : (ideograph ?? matched);
    const mark = url === undefined && email === undefined && ideograph === undefined && word === undefined;
    if (mark && tokens[tokens.length - 1] === token) {
      repeat++;
      if (repeat >= rules.maxRepeat) continue;
    } else repeat = 0;
    tokens.push(token);
    if (tokens.length >= limit) break;
  }
  return tokens;
}

/** The normalized form of a document: its word tokens joined by single spaces (what decode shows). */
export function normalizeText(text: string, rules: NormalizationRules = DEFAULT_NORMALIZATION): string {
  return pretokenize(text, rules).join(' ');
}
