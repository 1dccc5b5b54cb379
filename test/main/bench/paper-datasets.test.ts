import { describe, expect, it } from 'vitest';
import { ARCH_DEFAULTS, TrainConfigSchema } from '@shared/domain/config';
import { listSamples } from '../../../src-main/data/samples';
import {
  PAPER_DATASETS,
  PAPER_METHODS,
  paperRunConfig,
  paperSettings
} from '../../../src-main/bench/paper-datasets';

const sample = (id: string) => {
  const found = listSamples().find((s) => s.id === id);
  if (!found) throw new Error(`no sample ${id}`);
  return found;
};

/** The resolved configuration of one benchmark run (dataset ids are placeholders). */
const resolved = (sampleId: string, quick: boolean, method: (typeof PAPER_METHODS)[number] = 'sbnn') => {
  const dataset = PAPER_DATASETS.find((d) => d.sampleId === sampleId);
  if (!dataset) throw new Error(`no dataset for ${sampleId}`);
  const settings = paperSettings(quick, undefined).datasets[dataset.id];
  return TrainConfigSchema.parse({ ...paperRunConfig(sample(sampleId), settings, method, 2), datasetId: 1 });
};

/** The architecture each benchmark dataset trains. */
const DATASET_ARCHITECTURES = [
  ['rotterdam', 'mlp'],
  ['weather', 'lstm'],
  ['spam', 'transformer']
] as const;

describe('the paper benchmark settings', () => {
  it('trains the low-rank model and the five baselines of METHOD.md section 5', () => {
    expect([...PAPER_METHODS].sort()).toEqual([
      'bbb',
      'deterministic',
      'ensemble',
      'lr-svd',
      'rank1',
      'sbnn'
    ]);
    expect(PAPER_DATASETS.map((d) => [d.id, d.sampleId, d.oodSampleId])).toEqual([
      ['clinical', 'rotterdam', 'gbsg'],
      ['weather', 'weather', undefined],
      ['spam', 'spam', undefined]
    ]);
  });

  it('uses 3 seeds by default, 1 in quick mode, and --seeds when given', () => {
    expect(paperSettings(false, undefined).seeds).toBe(3);
    expect(paperSettings(true, undefined).seeds).toBe(1);
    expect(paperSettings(true, 4).seeds).toBe(4);
  });

  it("trains the full mode with the app's defaults per architecture, on every row", () => {
    for (const [id, arch] of DATASET_ARCHITECTURES) {
      const config = resolved(id, false, 'lr-svd');
      expect(config.arch).toBe(arch);
      expect(config.epochs).toBe(ARCH_DEFAULTS[arch].epochs);
      expect(config.samples).toBe(ARCH_DEFAULTS[arch].samples);
      expect(config.pretrainEpochs).toBe(ARCH_DEFAULTS[arch].pretrainEpochs);
    }
    for (const dataset of PAPER_DATASETS)
      expect(paperSettings(false, 3).datasets[dataset.id].subsample).toBeNull();
  });

  it('cuts epochs and prediction samples in quick mode, and trains the Transformer on 1,200 e-mails', () => {
    for (const [id, arch] of DATASET_ARCHITECTURES) {
      const config = resolved(id, true);
      expect(config.epochs).toBeLessThan(ARCH_DEFAULTS[arch].epochs);
      expect(config.samples).toBeLessThan(ARCH_DEFAULTS[arch].samples);
    }
    const quick = paperSettings(true, undefined).datasets;
    expect(quick.spam.subsample).toEqual({ rows: 1200, stratifyBy: 'collection' });
    expect(quick.clinical.subsample).toBeNull();
    expect(quick.weather.subsample).toBeNull();
  });

  it("takes each sample's suggested set-up: target, ignored columns, time or text column and OOD rows", () => {
    const weather = resolved('weather', false);
    expect(weather).toMatchObject({
      target: 'temp_max',
      arch: 'lstm',
      seed: 2,
      series: { time: 'date', group: 'location' },
      oodWhere: [{ column: 'location', value: 'New York' }]
    });
    const spam = resolved('spam', false, 'ensemble');
    expect(spam).toMatchObject({ target: 'label', method: 'ensemble', members: 5, text: { column: 'text' } });
    expect(spam.ignore).toEqual(['collection']);
    expect(spam.oodWhere.map((c) => c.value)).toEqual(['easy-ham-2', 'spam-2']);
    const clinical = resolved('rotterdam', false);
    expect(clinical).toMatchObject({ target: 'event_3y', arch: 'mlp', ignore: ['pid'], oodWhere: [] });
  });
});
