import { CONTINUATION, UNK_ID } from './vocabulary';

/**
 * The ids of one word token. A word in the vocabulary is one id. Any other word is spelled with
 * pieces by greedy longest match first (WordPiece; Wu et al. 2016, as in BERT): the longest
 * vocabulary entry that starts the word, then repeatedly the longest "##" piece that continues it.
 * When some position matches no piece (a character never seen in training) the whole word is
 * [UNK]: a partial spelling would look like a different, known word.
 */
export function wordPieceIds(word: string, lookup: ReadonlyMap<string, number>): number[] {
  const whole = lookup.get(word);
  if (whole !== undefined) return [whole];
  // Indices are code points; plain slicing is only right when the word has no surrogate pair.
  const points = /[\uD800-\uDFFF]/.test(word) ? [...word] : null;
  const count = points ? points.length : word.length;
  const ids: number[] = [];
  let start = 0;
  while (start < count) {
    let found: number | undefined;
    let end = count;
    for (; end > start; end--) {
      const piece = points ? points.slice(start, end).join('') : word.slice(start, end);
      found = lookup.get(start === 0 ? piece : CONTINUATION + piece);
      if (found !== undefined) break;
    }
    if (found === undefined) return [UNK_ID];
    ids.push(found);
    start = end;
  }
  return ids;
}
