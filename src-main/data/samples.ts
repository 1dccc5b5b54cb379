import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@shared/contract/errors';
import type { SampleInfo } from '@shared/domain/records';

/** Sample files live in <resources>/samples; their sources and licenses are in ATTRIBUTION.md there. */
export const SAMPLES_FOLDER = 'samples';

const SURVIVAL_ATTRIBUTION = 'R package survival 3.5-3 as packaged by Debian (r-cran-survival), LGPL-2+.';

/**
 * The bundled samples, in the order the app lists them. To add one (the weather and spam samples are
 * planned), copy the file into resources/samples, add its attribution lines to ATTRIBUTION.md there,
 * and append an entry here.
 */
const SAMPLES: readonly SampleInfo[] = [
  {
    id: 'rotterdam',
    title: 'Breast cancer: Rotterdam tumour bank',
    description:
      '2950 patients (1978-93). Predict recurrence or death within 3 years (event_3y) from age, menopause, ' +
      'tumour size and grade, positive nodes and receptor levels. Pair it with the GBSG sample as an out-of-distribution cohort.',
    attribution: `Rotterdam tumour bank (\`rotterdam\`), ${SURVIVAL_ATTRIBUTION}`,
    fileName: 'breast-cancer-rotterdam.csv',
    suggested: { target: 'event_3y', ignore: ['pid'], oodSampleId: 'gbsg' }
  },
  {
    id: 'gbsg',
    title: 'Breast cancer: German Breast Cancer Study Group',
    description:
      '555 node-positive patients of a German trial, with the same columns as the Rotterdam sample: a shifted ' +
      'cohort (another country and era) for testing out-of-distribution detection.',
    attribution: `German Breast Cancer Study Group trial (\`gbsg\`), ${SURVIVAL_ATTRIBUTION}`,
    fileName: 'breast-cancer-gbsg.csv',
    suggested: { target: 'event_3y', ignore: ['pid'] }
  }
  // weather (weather-seattle-newyork.csv) and spam (spam-assassin.csv) are added here once their models exist.
];

export function listSamples(): SampleInfo[] {
  return SAMPLES.map((s) => ({ ...s, suggested: { ...s.suggested, ignore: [...s.suggested.ignore] } }));
}

/** Reads a sample's bytes from `resourcesDir` (the app's resources folder, which holds samples/). */
export function readSample(resourcesDir: string, id: string): { fileName: string; bytes: Uint8Array } {
  const sample = SAMPLES.find((s) => s.id === id);
  if (!sample) {
    throw new AppError(
      'NOT_FOUND',
      `There is no sample "${id}". Available samples: ${SAMPLES.map((s) => s.id).join(', ')}.`
    );
  }
  const path = join(resourcesDir, SAMPLES_FOLDER, sample.fileName);
  try {
    return { fileName: sample.fileName, bytes: new Uint8Array(readFileSync(path)) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new AppError(
      'NOT_FOUND',
      `The sample file ${sample.fileName} could not be read from ${path} (${reason}). Reinstall the app to restore it.`,
      { file: sample.fileName }
    );
  }
}
