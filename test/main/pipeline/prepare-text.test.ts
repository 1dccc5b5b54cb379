import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainConfigSchema, type TrainConfig, type TrainConfigInput } from '@shared/domain/config';
import { Tokenizer } from '../../../src-main/data/text/tokenizer';
import { CLS_ID } from '../../../src-main/data/text/vocabulary';
import { pretokenize } from '../../../src-main/data/text/normalize';
import { prepareText, type PreparedText } from '../../../src-main/pipeline/prepare-text';
import type { TableFile } from '../../../src-main/data/table-file';
import { appErrorOf, SAMPLES_DIR } from '../data/helpers';

/** Counts computed from the CSV files by test/fixtures/data/text/spam-counts.py. */
interface SpamCounts {
  rows: number;
  columns: string[];
  inDistribution: number;
  inDistributionSpam: number;
  ood: number;
  oodSpam: number;
  train: number;
  validation: number;
  test: number;
  emptyTexts: number;
  amazonRows: number;
}
const REFERENCE = JSON.parse(
  readFileSync(resolve(__dirname, '../../fixtures/data/text/spam-counts.json'), 'utf8')
) as SpamCounts;

function sample(fileName: string): TableFile {
  return { fileName, content: readFileSync(resolve(SAMPLES_DIR, fileName), 'utf8') };
}

function config(overrides: Partial<TrainConfigInput> = {}): TrainConfig {
  return TrainConfigSchema.parse({
    datasetId: 1,
    target: 'label',
    ignore: ['collection'],
    arch: 'transformer',
    text: { column: 'text', maxLen: 64, vocab: 4000 },
    oodWhere: [
      { column: 'collection', value: 'easy-ham-2' },
      { column: 'collection', value: 'spam-2' }
    ],
    ...overrides
  });
}

const count = (values: (string | null)[], label: string): number => values.filter((v) => v === label).length;

describe('prepareText on the SpamAssassin sample', () => {
  let spam: TableFile;
  let prepared: PreparedText;
  beforeAll(() => {
    spam = sample('spam-assassin.csv');
    prepared = prepareText(config(), spam, null);
  });

  it('sets the later collections aside as OOD and splits the rest', () => {
    const { train, validation, test, ood } = prepared;
    expect([train.n, validation.n, test.n]).toEqual([REFERENCE.train, REFERENCE.validation, REFERENCE.test]);
    expect(ood?.n).toBe(REFERENCE.ood);
    expect(prepared.droppedWithoutTarget).toBe(0);
    const all = [...train.rows, ...validation.rows, ...test.rows, ...(ood?.rows ?? [])];
    expect(new Set(all).size).toBe(REFERENCE.rows);
    const collection = prepared.table.columns.indexOf('collection');
    for (const r of ood?.rows ?? []) {
      expect(['easy-ham-2', 'spam-2']).toContain(prepared.table.rows[r]?.[collection]);
    }
  });

  it('encodes spam as the positive class', () => {
    const { pre, train, validation, test, ood } = prepared;
    expect(pre.classes).toEqual(['ham', 'spam']);
    expect(pre.positiveClass).toBe('spam');
    for (const split of [train, validation, test]) {
      split.raw.forEach((label, i) => expect(split.y[i]).toBe(label === 'spam' ? 1 : 0));
    }
    const spamInDistribution =
      count(train.raw, 'spam') + count(validation.raw, 'spam') + count(test.raw, 'spam');
    expect(spamInDistribution).toBe(REFERENCE.inDistributionSpam);
    expect(count(ood?.raw ?? [], 'spam')).toBe(REFERENCE.oodSpam);
  });

  it('encodes [n, maxLen] ids with [CLS] first, and keeps each document for review', () => {
    const { train, tokenizer, pre } = prepared;
    expect(train.x.length).toBe(REFERENCE.train * 64);
    for (let i = 0; i < train.n; i++) expect(train.x[i * 64]).toBe(CLS_ID);
    expect(tokenizer.size).toBe(4000);
    expect(pre.tokenizer.trainDocuments).toBe(REFERENCE.train);
    const text = prepared.table.columns.indexOf('text');
    train.texts.forEach((t, i) => {
      expect(t.length).toBeLessThanOrEqual(2001);
      expect(t).toBe(prepared.table.rows[train.rows[i] as number]?.[text]?.trim());
    });
    expect(train.empty).toHaveLength(REFERENCE.emptyTexts);
  });

  it('reports exactly the documents with more than maxLen - 1 pieces as truncated', () => {
    const { train, pre, table } = prepared;
    // The same vocabulary without a practical length limit gives every document's full length.
    const unlimited = Tokenizer.fromJSON({ ...pre.tokenizer, maxLen: 4096 });
    const text = table.columns.indexOf('text');
    const expected = train.rows.filter((r) => unlimited.encode(table.rows[r]?.[text] ?? '').length > 64);
    expect(expected.length).toBeGreaterThan(0);
    expect(train.truncated).toEqual(expected);
    expect(pre.notes.join(' ')).toContain(`${expected.length} training document(s)`);
  });

  it('learns the vocabulary from the training documents only', () => {
    const { pre, tokenizer, table, train, test } = prepared;
    const text = table.columns.indexOf('text');
    const words = (rows: number[]): Set<string> =>
      new Set(rows.flatMap((r) => pretokenize(table.rows[r]?.[text] ?? '', pre.tokenizer.normalization)));
    const trained = words(train.rows);
    // A held-out word may still be a piece when it starts some training word (pieces are n-grams
    // of training words, up to maxPieceChars = 6 code points): only the others are checked.
    const prefixes = new Set<string>();
    for (const word of trained) {
      const points = [...word];
      for (let k = 1; k <= Math.min(6, points.length); k++) prefixes.add(points.slice(0, k).join(''));
    }
    const heldOut = [...words(test.rows)].filter((w) => !trained.has(w) && !prefixes.has(w));
    expect(heldOut.length).toBeGreaterThan(100);
    for (const word of heldOut) expect(tokenizer.idOf(word)).toBeUndefined();
    // Words of the training documents do make it in.
    expect(tokenizer.idOf('the')).toBeDefined();
  });

  it('takes a second file as the OOD set, with or without its label column', () => {
    // Every sixth e-mail keeps this test fast (the file has one record per line, spam and ham mixed).
    const lines = spam.content.split('\n').filter((line) => line !== '');
    const picked = lines.filter((_, i) => i > 0 && i % 6 === 0);
    const head = { fileName: 'spam-sixth.csv', content: [lines[0], ...picked].join('\n') };
    const withAmazon = prepareText(config({ oodWhere: [] }), head, sample('amazon-sentences.csv'));
    expect(withAmazon.ood?.n).toBe(REFERENCE.amazonRows);
    // positive / negative are not classes of the spam model: no label to score them against.
    expect(withAmazon.ood?.raw.every((r) => r === null)).toBe(true);
    // Without OOD conditions every labelled row of the main file is in distribution.
    expect(withAmazon.train.n + withAmazon.validation.n + withAmazon.test.n).toBe(picked.length);
    const unlabelled = {
      fileName: 'texts.csv',
      content: 'text\n"Great phone, works fine."\n"Terrible battery."\n'
    };
    const ood = prepareText(config({ oodWhere: [] }), head, unlabelled).ood;
    expect(ood?.n).toBe(2);
    expect(ood?.raw).toEqual([null, null]);
  });

  it('names the available columns when the text column is missing', () => {
    const err = appErrorOf(() => prepareText(config({ text: { column: 'body' } }), spam, null));
    expect(err.message).toContain(`Available columns: ${REFERENCE.columns.join(', ')}`);
  });
});
