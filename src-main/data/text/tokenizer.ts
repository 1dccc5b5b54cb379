import { z } from 'zod';
import { AppError } from '@shared/contract/errors';
import { DEFAULT_NORMALIZATION, pretokenize, type NormalizationRules } from './normalize';
import {
  CLS_ID,
  CONTINUATION,
  countWords,
  DEFAULT_VOCABULARY_OPTIONS,
  learnVocabulary,
  PAD_ID,
  SPECIAL_TOKENS,
  UNK_ID,
  type VocabularyOptions
} from './vocabulary';
import { wordPieceIds } from './wordpiece';

export const TOKENIZER_FORMAT_VERSION = 1;

const positiveInt = z.number().int().min(1);

/** Bound on the memo of spelled words, so a huge file cannot grow it without limit. */
const MAX_SPELLED_WORDS = 100_000;

/**
 * The stored tokenizer: plain JSON, saved with the model so that later files are tokenized exactly
 * as the training texts. The vocabulary lists the token of each id.
 */
export const TokenizerJsonSchema = z.object({
  formatVersion: z.literal(TOKENIZER_FORMAT_VERSION),
  kind: z.literal('wordpiece'),
  /** Ids per document, [CLS] included. */
  maxLen: positiveInt,
  normalization: z.object({ maxWordChars: positiveInt, maxDigits: positiveInt, maxRepeat: positiveInt }),
  vocabulary: z.array(z.string().min(1)),
  /** How many training documents the vocabulary was learned from. */
  trainDocuments: z.number().int().min(0)
});
export type TokenizerJson = z.infer<typeof TokenizerJsonSchema>;

/** One encoded document. */
export interface EncodedText {
  /** maxLen ids: [CLS], the document's pieces, then [PAD] (0) to the end. */
  ids: Int32Array;
  /** 1 where ids holds a token ([CLS] included), 0 on padding. */
  mask: Uint8Array;
  /** Ids before the padding, [CLS] included. */
  length: number;
  /** Whether pieces were cut off at maxLen. */
  truncated: boolean;
  /** [UNK] ids among the kept ones. */
  unknown: number;
}

export interface FitTokenizerOptions extends Partial<Omit<VocabularyOptions, 'size'>> {
  /** Total vocabulary size, specials included (TextConfig.vocab). */
  vocab: number;
  /** Ids per document, [CLS] included (TextConfig.maxLen). */
  maxLen: number;
  normalization?: Partial<NormalizationRules>;
}

/**
 * Lower-casing, punctuation-splitting WordPiece tokenizer (normalize.ts, vocabulary.ts,
 * wordpiece.ts) learned from training texts only. Ids: [PAD] 0, [UNK] 1, [CLS] 2, [URL] 3,
 * [EMAIL] 4, then whole words by frequency, then pieces.
 */
export class Tokenizer {
  readonly spec: TokenizerJson;
  private readonly lookup: ReadonlyMap<string, number>;
  /** Pieces of words already spelled: word frequencies are Zipfian, so most words repeat. */
  private readonly spelled = new Map<string, number[]>();

  private constructor(spec: TokenizerJson) {
    this.spec = spec;
    this.lookup = new Map(spec.vocabulary.map((token, id) => [token, id] as const));
  }

  /** Learns the vocabulary from `texts`: pass the training documents only, never held-out ones. */
  static fit(texts: Iterable<string>, options: FitTokenizerOptions): Tokenizer {
    const normalization = { ...DEFAULT_NORMALIZATION, ...options.normalization };
    const vocabulary: VocabularyOptions = {
      size: options.vocab,
      minWordCount: options.minWordCount ?? DEFAULT_VOCABULARY_OPTIONS.minWordCount,
      pieceShare: options.pieceShare ?? DEFAULT_VOCABULARY_OPTIONS.pieceShare,
      maxPieceChars: options.maxPieceChars ?? DEFAULT_VOCABULARY_OPTIONS.maxPieceChars,
      minPieceCount: options.minPieceCount ?? DEFAULT_VOCABULARY_OPTIONS.minPieceCount
    };
    if (!Number.isInteger(options.vocab) || options.vocab <= SPECIAL_TOKENS.length) {
      throw new AppError(
        'BAD_REQUEST',
        `The vocabulary size must be an integer above ${SPECIAL_TOKENS.length} (the special tokens), got ${options.vocab}.`
      );
    }
    if (!Number.isInteger(options.maxLen) || options.maxLen < 1) {
      throw new AppError(
        'BAD_REQUEST',
        `The maximum length must be a positive integer, got ${options.maxLen}.`
      );
    }
    let documents = 0;
    const words = countWords(
      (function* () {
        for (const text of texts) {
          documents++;
          yield pretokenize(text, normalization);
        }
      })()
    );
    return new Tokenizer({
      formatVersion: TOKENIZER_FORMAT_VERSION,
      kind: 'wordpiece',
      maxLen: options.maxLen,
      normalization,
      vocabulary: learnVocabulary(words, vocabulary),
      trainDocuments: documents
    });
  }

  /** A stored tokenizer, checked: a damaged or foreign one fails with BAD_DATA instead of mis-tokenizing. */
  static fromJSON(json: unknown): Tokenizer {
    const parsed = TokenizerJsonSchema.safeParse(json);
    const problem = parsed.success
      ? checkVocab(parsed.data.vocabulary)
      : 'it does not have the expected fields';
    if (!parsed.success || problem !== null) {
      throw new AppError(
        'BAD_DATA',
        `The saved tokenizer cannot be used: ${problem}. Retrain the model to store a new one.`
      );
    }
    return new Tokenizer({
      ...parsed.data,
      normalization: { ...parsed.data.normalization },
      vocabulary: [...parsed.data.vocabulary]
    });
  }

  /** The plain JSON to store (a copy). */
  toJSON(): TokenizerJson {
    return {
      ...this.spec,
      normalization: { ...this.spec.normalization },
      vocabulary: [...this.spec.vocabulary]
    };
  }

  get size(): number {
    return this.spec.vocabulary.length;
  }

  get maxLen(): number {
    return this.spec.maxLen;
  }

  /** The id of a token, or undefined when it is not in the vocabulary. */
  idOf(token: string): number | undefined {
    return this.lookup.get(token);
  }

  /** The token of an id ("[UNK]" for an id outside the vocabulary). */
  tokenOf(id: number): string {
    return this.spec.vocabulary[id] ?? (SPECIAL_TOKENS[1] as string);
  }

  /**
   * The document as maxLen ids: [CLS], its pieces (cut at maxLen, reported in `truncated`), then
   * [PAD] up to maxLen, with the padding mask. Writes into `out` at `offset` when given (a row of
   * a [n, maxLen] batch), otherwise into a new array.
   */
  encode(text: string, out?: Int32Array, offset = 0): EncodedText {
    const maxLen = this.spec.maxLen;
    const ids = out ? out.subarray(offset, offset + maxLen) : new Int32Array(maxLen);
    ids.fill(PAD_ID);
    ids[0] = CLS_ID;
    let length = 1;
    let truncated = false;
    let unknown = 0;
    // Every word gives at least one id, so maxLen words are enough to fill the row and see what is left.
    for (const word of pretokenize(text, this.spec.normalization, maxLen)) {
      for (const id of this.piecesOf(word)) {
        if (length >= maxLen) {
          truncated = true;
          break;
        }
        ids[length++] = id;
        if (id === UNK_ID) unknown++;
      }
      if (truncated) break;
    }
    const mask = new Uint8Array(maxLen);
    mask.fill(1, 0, length);
    return { ids, mask, length, truncated, unknown };
  }

  private piecesOf(word: string): number[] {
    let ids = this.spelled.get(word);
    if (ids === undefined) {
      ids = wordPieceIds(word, this.lookup);
      if (this.spelled.size >= MAX_SPELLED_WORDS) this.spelled.clear();
      this.spelled.set(word, ids);
    }
    return ids;
  }

  /**
   * The text of ids, for display and tests: word tokens joined by spaces, "##" pieces glued to the
   * word they continue; [PAD] and [CLS] are left out. For a document whose words are all spelled
   * without [UNK] and that was not truncated, this equals normalizeText(document).
   */
  decode(ids: ArrayLike<number>): string {
    let text = '';
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (id === PAD_ID || id === CLS_ID) continue;
      const token = this.tokenOf(id);
      if (token.startsWith(CONTINUATION) && text !== '') text += token.slice(CONTINUATION.length);
      else text += (text === '' ? '' : ' ') + token;
    }
    return text;
  }
}

/** Why a stored vocabulary is unusable, or null when it is fine. */
function checkVocab(vocab: readonly string[]): string | null {
  if (vocab.length <= SPECIAL_TOKENS.length) return 'its vocabulary is too small';
  const specialsOk = SPECIAL_TOKENS.every((token, id) => vocab[id] === token);
  if (!specialsOk) return `its vocabulary does not start with ${SPECIAL_TOKENS.join(', ')}`;
  const seen = new Set<string>();
  for (const token of vocab) {
    if (seen.has(token)) return `the token "${token}" appears twice in its vocabulary`;
    seen.add(token);
  }
  return null;
}
