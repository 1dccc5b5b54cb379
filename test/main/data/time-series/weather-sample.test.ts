import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SampleInfoSchema } from '@shared/domain/records';
import { sha256Hex } from '../../../../src-main/data/csv-table';
import { listSamples, readSample } from '../../../../src-main/data/samples';
import { RESOURCES_DIR, SAMPLES_DIR } from '../helpers';

describe('the weather sample', () => {
  it('is listed with temp_max as the suggested target, valid against the contract', () => {
    const weather = listSamples().find((s) => s.id === 'weather');
    expect(weather).toBeDefined();
    expect(SampleInfoSchema.parse(weather)).toEqual(weather);
    expect(weather?.fileName).toBe('weather-seattle-newyork.csv');
    expect(weather?.suggested.target).toBe('temp_max');
    expect(weather?.description).toMatch(/location=New York/);
  });

  it('ships the shared weather file unchanged, with its attribution', () => {
    const { bytes } = readSample(RESOURCES_DIR, 'weather');
    // SHA-256 of ../shared/datasets/weather-seattle-newyork.csv (sha256sum), the file the sample copies.
    expect(sha256Hex(bytes)).toBe('27219f1ca8dbd94c9b6f4b9f4f52ab2f1eb33dfdcf719cd9fc6481ed50b74549');
    const attribution = readFileSync(resolve(SAMPLES_DIR, 'ATTRIBUTION.md'), 'utf8');
    const row = attribution.split('\n').find((line) => line.startsWith('| weather-seattle-newyork.csv |'));
    expect(row).toMatch(/\| 2922 \|.*vega-datasets 3\.2\.1.*NOAA, US Government data/);
  });
});
