import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SampleInfoSchema } from '@shared/domain/records';
import { listSamples, readSample } from '../../../src-main/data/samples';
import { appErrorOf, RESOURCES_DIR, SAMPLES_DIR } from './helpers';

describe('listSamples', () => {
  it('lists rotterdam (suggesting event_3y, ignore pid, GBSG as OOD) and gbsg, valid against the contract', () => {
    const samples = listSamples();
    expect(samples.map((s) => s.id)).toEqual(['rotterdam', 'gbsg', 'spam', 'amazon', 'weather']);
    for (const s of samples) expect(SampleInfoSchema.parse(s)).toEqual(s);
    expect(samples[0]?.suggested).toEqual({ target: 'event_3y', ignore: ['pid'], oodSampleId: 'gbsg' });
    expect(samples[0]?.attribution).toMatch(/LGPL-2\+/);
  });

  it('returns copies that callers cannot use to change the registry', () => {
    listSamples()[0]?.suggested.ignore.push('age');
    expect(listSamples()[0]?.suggested.ignore).toEqual(['pid']);
  });
});

describe('readSample', () => {
  it('reads the bundled file bytes', () => {
    const { fileName, bytes } = readSample(RESOURCES_DIR, 'gbsg');
    expect(fileName).toBe('breast-cancer-gbsg.csv');
    expect(Buffer.from(bytes).equals(readFileSync(resolve(SAMPLES_DIR, fileName)))).toBe(true);
  });

  it('every listed sample is present with an attribution', () => {
    const attribution = readFileSync(resolve(SAMPLES_DIR, 'ATTRIBUTION.md'), 'utf8');
    for (const s of listSamples()) {
      expect(readSample(RESOURCES_DIR, s.id).bytes.length).toBeGreaterThan(1000);
      expect(attribution).toContain(s.fileName);
    }
  });

  it('an unknown id is NOT_FOUND', () => {
    expect(appErrorOf(() => readSample(RESOURCES_DIR, 'mimic'), 'NOT_FOUND').message).toMatch(
      /rotterdam, gbsg/
    );
    appErrorOf(() => readSample('/nonexistent', 'gbsg'), 'NOT_FOUND');
  });
});
