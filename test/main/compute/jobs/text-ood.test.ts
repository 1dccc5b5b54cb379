import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainConfigSchema } from '@shared/domain/config';
import { selectBackend } from '../../../../src-main/compute/backend';
import type { JobContext } from '../../../../src-main/compute/jobs/job-handler';
import type { JobKind } from '../../../../src-main/compute/protocol';
import { predictRunJob } from '../../../../src-main/compute/jobs/predict-run';
import { trainRunJob } from '../../../../src-main/compute/jobs/train-run';
import { REPO_ROOT } from '../../../support/paths';

const SAMPLES = resolve(REPO_ROOT, 'resources/samples');

function context<K extends JobKind>(): JobContext<K> {
  return {
    progress: () => undefined,
    isCancelled: () => false,
    throwIfCancelled: () => undefined,
    signal: new AbortController().signal
  };
}

/** Every third e-mail of the in-distribution and OOD collections: the same mix, a third of the cost. */
function spamSubset(): string {
  const text = readFileSync(resolve(SAMPLES, 'spam-assassin.csv'), 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  return Papa.unparse(parsed.data.filter((_, i) => i % 3 === 0));
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe('a low-rank Transformer trained on e-mail', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it('is more uncertain (epistemic) on Amazon review sentences than on held-out e-mails', async () => {
    const config = TrainConfigSchema.parse({
      datasetId: 1,
      arch: 'transformer',
      target: 'label',
      ignore: ['collection'],
      oodWhere: [
        { column: 'collection', value: 'easy-ham-2' },
        { column: 'collection', value: 'spam-2' }
      ],
      text: { column: 'text', maxLen: 32, vocab: 2000 },
      transformer: { dModel: 32, layers: 1, heads: 2, ff: 64, rank: 4 },
      epochs: 6,
      batchSize: 32,
      lr: 3e-3,
      samples: 12,
      seed: 1
    });
    const trained = await trainRunJob.run(
      { runId: 1, config, data: { fileName: 'spam-assassin.csv', content: spamSubset() }, oodData: null },
      context<'train-run'>()
    );
    const testEmails = trained.records.filter((r) => r.split === 'test');
    expect(trained.metrics.test).toHaveProperty('accuracy');
    expect((trained.metrics.test as { accuracy: number }).accuracy).toBeGreaterThan(0.85);
    expect(testEmails.every((r) => typeof r.text === 'string')).toBe(true);

    const amazon = await predictRunJob.run(
      {
        model: trained.model,
        data: {
          fileName: 'amazon.csv',
          content: readFileSync(resolve(SAMPLES, 'amazon-sentences.csv'), 'utf8')
        },
        samples: 12,
        seed: trained.model.predictionSeed
      },
      context<'predict-run'>()
    );
    expect(amazon.records).toHaveLength(1000);
    const amazonEpistemic = mean(amazon.records.map((r) => r.epistemic));
    const emailEpistemic = mean(testEmails.map((r) => r.epistemic));
    expect(amazonEpistemic).toBeGreaterThan(emailEpistemic);
  });
});
