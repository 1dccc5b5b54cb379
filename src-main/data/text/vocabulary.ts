import { EMAIL_TOKEN, URL_TOKEN } from './normalize';

/** Token ids fixed by the model: the Transformer pools position 0 ([CLS]) and masks id 0 ([PAD]). */
export const PAD_ID = 0;
export const UNK_ID = 1;
export const CLS_ID = 2;

/** The first ids of every vocabulary, in id order; they count towards the vocabulary size. */
export const SPECIAL_TOKENS: readonly string[] = ['[PAD]', '[UNK]', '[CLS]', URL_TOKEN, EMAIL_TOKEN];

/** Prefix of a piece that continues a word (WordPiece convention): "##s" is an "s" inside or ending a word. */
export const CONTINUATION = '##';

export interface VocabularyOptions {
  /** Total number of tokens, specials included (TextConfig.vocab). */
  size: number;
  /** Words seen fewer times than this in training are spelled with pieces. Default 2. */
  minWordCount: number;
  /** Share of the budget after the specials reserved for pieces. Default 0.25. */
  pieceShare: number;
  /** Longest character n-gram considered as a piece, in code points. Default 6. */
  maxPieceChars: number;
  /** Character n-grams seen fewer times than this are not pieces (single characters always qualify). Default 2. */
  minPieceCount: number;
}

export const DEFAULT_VOCABULARY_OPTIONS: Omit<VocabularyOptions, 'size'> = {
  minWordCount: 2,
  pieceShare: 0.25,
  maxPieceChars: 6,
  minPieceCount: 2
};

/** Frequency first; equal counts in code-unit order, so the same counts always give the same vocabulary. */
function byCountThenText(a: [string, number], b: [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

function add(counts: Map<string, number>, key: string, count: number): void {
  counts.set(key, (counts.get(key) ?? 0) + count);
}

/** How often each word token occurs over the documents (each a list of word tokens). */
export function countWords(documents: Iterable<readonly string[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const tokens of documents) for (const token of tokens) add(counts, token, 1);
  return counts;
}

/**
 * Learns the vocabulary (token of each id) from word counts of the training texts:
 * 1. the special tokens (ids 0..4);
 * 2. whole words seen at least `minWordCount` times, most frequent first, filling the budget left
 *    after the specials minus the pieces' share (`pieceShare`);
 * 3. pieces, so that the other words can still be spelled by greedy longest match (wordpiece.ts):
 *    first single characters in both forms, word-initial "c" and continuing "##c", counted over every
 *    training word; then character n-grams (2..maxPieceChars code points) of the words left out in
 *    step 2 (prefixes as initial pieces, later substrings as "##" pieces), counted with the words'
 *    frequencies and kept when seen at least `minPieceCount` times;
 * 4. when pieces do not fill their share, the next words in frequency order take the rest.
 * Every ranking is by count, ties in code-unit order. Never more than `size` tokens.
 */
export function learnVocabulary(
  wordCounts: ReadonlyMap<string, number>,
  options: VocabularyOptions
): string[] {
  const vocab: string[] = [...SPECIAL_TOKENS];
  const seen = new Set<string>(vocab);
  const budget = Math.max(0, options.size - vocab.length);
  const push = (token: string): boolean => {
    if (vocab.length >= options.size || seen.has(token)) return false;
    vocab.push(token);
    seen.add(token);
    return true;
  };

  const ranked = [...wordCounts].filter(([word]) => !seen.has(word)).sort(byCountThenText);
  const candidates = ranked.filter(([, count]) => count >= options.minWordCount);
  const wordSlots = budget - Math.round(budget * options.pieceShare);
  let nextWord = 0;
  for (; nextWord < candidates.length && nextWord < wordSlots; nextWord++) {
    push((candidates[nextWord] as [string, number])[0]);
  }

  const chars = new Map<string, number>();
  const grams = new Map<string, number>();
  for (const [word, count] of ranked) {
    // Code points: plain slicing is only right when the word has no surrogate pair.
    const points = /[\uD800-\uDFFF]/.test(word) ? [...word] : null;
    const length = points ? points.length : word.length;
    const slice = (start: number, end: number): string =>
      points ? points.slice(start, end).join('') : word.slice(start, end);
    for (let i = 0; i < length; i++)
      add(chars, i === 0 ? slice(0, 1) : CONTINUATION + slice(i, i + 1), count);
    if (seen.has(word)) continue;
    for (let start = 0; start < length; start++) {
      for (let n = 2; n <= options.maxPieceChars && start + n <= length; n++) {
        const gram = slice(start, start + n);
        add(grams, start === 0 ? gram : CONTINUATION + gram, count);
      }
    }
  }
  for (const [piece] of [...chars].sort(byCountThenText)) push(piece);
  for (const [piece, count] of [...grams].sort(byCountThenText)) {
    if (vocab.length >= options.size || count < options.minPieceCount) break;
    push(piece);
  }
  for (; nextWord < candidates.length && vocab.length < options.size; nextWord++) {
    push((candidates[nextWord] as [string, number])[0]);
  }
  return vocab;
}
