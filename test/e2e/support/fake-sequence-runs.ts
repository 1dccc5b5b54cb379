import type { DatasetDetail, RecordPrediction, RunDetail } from '@shared/domain/records';

/**
 * Fixture data for the time-series (LSTM) and text (Transformer) views: the weather and spam
 * datasets as the Data view shows them, and one finished run of each with its records. The
 * values are synthetic but shaped like the real runs (ids carry series and target time; text
 * records carry their document).
 */
export interface SequenceFixture {
  datasets: DatasetDetail[];
  runs: { run: RunDetail; records: RecordPrediction[] }[];
}

export const LSTM_RUN_ID = 101;
export const TEXT_RUN_ID = 102;
/** Seattle test windows and New York OOD windows in the LSTM fixture. */
export const SEATTLE_WINDOWS = 150;
export const NEW_YORK_WINDOWS = 150;

const col = (
  name: string,
  role: DatasetDetail['columns'][number]['role'],
  distinct: number,
  examples: string[]
): DatasetDetail['columns'][number] => ({ name, role, missing: 0, distinct, examples });

const isoDay = (start: string, offset: number): string => {
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
};

export function makeSequenceFixture(base: RunDetail): SequenceFixture {
  let state = 777;
  const rand = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const common = {
    hash: 'e'.repeat(64),
    createdAt: '2026-11-26T12:00:00.000Z',
    delimiter: ',',
    sampleId: null
  };
  const weatherColumns = [
    col('location', 'categorical', 2, ['Seattle', 'New York']),
    col('date', 'categorical', 1461, ['2012-01-01', '2012-01-02']),
    col('precipitation', 'numeric', 111, ['0.0', '10.9']),
    col('temp_max', 'numeric', 67, ['12.8', '10.6']),
    col('temp_min', 'numeric', 55, ['5.0', '2.8']),
    col('wind', 'numeric', 79, ['4.7', '4.5']),
    col('weather', 'categorical', 5, ['drizzle', 'rain', 'sun'])
  ];
  const weatherPreview = Array.from({ length: 12 }, (_, i) => [
    'Seattle',
    isoDay('2012-01-01', i),
    (rand() * 10).toFixed(1),
    (8 + rand() * 5).toFixed(1),
    (2 + rand() * 4).toFixed(1),
    (2 + rand() * 4).toFixed(1),
    ['drizzle', 'rain', 'sun'][Math.floor(rand() * 3)] ?? 'sun'
  ]);
  const spamColumns = [
    col('text', 'text', 5800, ['Re: New Sequences Window', 'Save up to 70%']),
    col('label', 'categorical', 2, ['ham', 'spam']),
    col('collection', 'categorical', 4, ['easy-ham-1', 'spam-1', 'easy-ham-2', 'spam-2'])
  ];
  const spamPreview = Array.from({ length: 8 }, (_, i) => [
    i % 3 === 0 ? 'Save up to 70% on your next order, click here now' : `Re: meeting notes ${i}`,
    i % 3 === 0 ? 'spam' : 'ham',
    i % 3 === 0 ? 'spam-1' : 'easy-ham-1'
  ]);
  const datasets: DatasetDetail[] = [
    {
      ...common,
      id: 3,
      name: 'Weather: Seattle and New York',
      fileName: 'weather-seattle-newyork.csv',
      rowCount: 2922,
      columnCount: 7,
      columns: weatherColumns,
      preview: weatherPreview
    },
    {
      ...common,
      id: 4,
      name: 'Email: SpamAssassin',
      fileName: 'spam-assassin.csv',
      rowCount: 5796,
      columnCount: 3,
      columns: spamColumns,
      preview: spamPreview
    },
    {
      ...common,
      id: 5,
      name: 'Amazon review sentences',
      fileName: 'amazon-sentences.csv',
      rowCount: 1000,
      columnCount: 2,
      columns: [
        col('text', 'text', 990, ['Good case, Excellent value.']),
        col('label', 'categorical', 2, ['negative', 'positive'])
      ],
      preview: [['Good case, Excellent value.', 'positive']]
    }
  ];

  // Temperatures: a seasonal wave per city; New York is colder in winter and flagged more often.
  const lstmThreshold = 3.2;
  const lstmRecords: RecordPrediction[] = [];
  const addWindow = (location: string, day: number, split: 'test' | 'ood', rowIndex: number): void => {
    const season = Math.sin(((day + 120) / 365) * 2 * Math.PI);
    const truth =
      (location === 'Seattle' ? 16 : 14) + (location === 'Seattle' ? 9 : 14) * season + (rand() - 0.5) * 5;
    const mean = truth + (rand() - 0.5) * (split === 'ood' ? 7 : 4);
    const epistemic = split === 'ood' ? 1.2 + rand() * 1.6 : 0.4 + rand() * 0.5;
    const total = Math.sqrt(epistemic * epistemic + 2.6 * 2.6);
    lstmRecords.push({
      rowIndex,
      split,
      ids: { location, date: isoDay('2015-08-04', day) },
      actual: truth.toFixed(1),
      prediction: mean.toFixed(2),
      value: mean,
      lower: mean - 1.96 * total,
      upper: mean + 1.96 * total,
      // Split-conformal at 90%: mean +/- q x total std, q = 1.52 calibrated on validation.
      conformalLower: mean - 1.52 * total,
      conformalUpper: mean + 1.52 * total,
      epistemic,
      aleatoric: 2.6,
      total,
      oodScore: total,
      oodFlag: total > lstmThreshold,
      imputed: [],
      correct: null
    });
  };
  for (let d = 0; d < SEATTLE_WINDOWS; d++) addWindow('Seattle', d, 'test', 1311 + d);
  for (let d = 0; d < NEW_YORK_WINDOWS; d++) addWindow('New York', d, 'ood', 2772 + d);

  const lstmRun: RunDetail = {
    ...base,
    id: LSTM_RUN_ID,
    name: 'weather lstm',
    datasetId: 3,
    datasetName: 'Weather: Seattle and New York',
    task: 'regression',
    arch: 'lstm',
    params: 1660,
    positiveClass: null,
    classes: null,
    metrics: {
      test: { mae: 2.1, rmse: 2.7, nll: 2.4, picp: 0.93, mpiw: 10.4, maeNaive: 2.6 },
      ood: { auroc: 0.74, auprIn: 0.7, auprOut: 0.76, fpr95: 0.6 },
      oodThreshold: lstmThreshold,
      counts: { train: 1000, validation: 150, test: SEATTLE_WINDOWS, ood: NEW_YORK_WINDOWS },
      conformal: {
        kind: 'interval',
        level: 0.9,
        quantile: 1.52,
        calibrationCount: 150,
        coverage: 0.89,
        meanWidth: 8.3
      }
    },
    config: {
      ...base.config,
      datasetId: 3,
      oodDatasetId: undefined,
      target: 'temp_max',
      roles: {},
      oodWhere: [{ column: 'location', value: 'New York' }],
      arch: 'lstm',
      series: { time: 'date', group: 'location', window: 14, horizon: 1, features: ['temp_min'] },
      lstm: { hidden: 16, layers: 1, rankIh: 4, rankHh: 6 }
    }
  };

  const hamTexts = [
    'Re: New Sequences Window . I cannot reproduce this error. For me it is very repeatable (like every time, without fail). This is the debug log of the pick happening, with every step of the sequence and the exact command that was run by the mail handler.',
    'Re: meeting on Thursday: the agenda is attached; please add your items before noon.',
    'Patch for the build script: the configure step now finds the right compiler.'
  ];
  const spamTexts = [
    'Save up to 70% on your next order!!! Click here now to claim the offer before it expires.',
    'You have been selected for a FREE vacation. Reply with your bank details to confirm.'
  ];
  const textRecords: RecordPrediction[] = [];
  const textThreshold = 0.25;
  for (let i = 0; i < 90; i++) {
    const ood = i >= 60;
    const spam = rand() < 0.35;
    const pool = spam ? spamTexts : hamTexts;
    const text = `${pool[i % pool.length] ?? ''}${ood ? ' (newer collection)' : ''} #${i}`;
    const p = spam ? 0.6 + rand() * 0.39 : rand() * 0.4;
    const mi = ood ? 0.1 + rand() * 0.4 : rand() * 0.3;
    textRecords.push({
      rowIndex: i * 3,
      split: ood ? 'ood' : 'test',
      ids: {},
      actual: spam ? 'spam' : 'ham',
      prediction: p >= 0.5 ? 'spam' : 'ham',
      value: p,
      lower: Math.max(0, p - 0.1 - mi / 2),
      upper: Math.min(1, p + 0.1 + mi / 2),
      epistemic: mi,
      aleatoric: 0.3,
      total: 0.3 + mi,
      oodScore: mi,
      oodFlag: mi > textThreshold,
      imputed: [],
      correct: p >= 0.5 === spam,
      text
    });
  }
  const textRun: RunDetail = {
    ...base,
    id: TEXT_RUN_ID,
    name: 'spam transformer',
    datasetId: 4,
    datasetName: 'Email: SpamAssassin',
    task: 'binary',
    arch: 'transformer',
    params: 150_000,
    positiveClass: 'spam',
    classes: ['ham', 'spam'],
    metrics: {
      test: { accuracy: 0.94, nll: 0.19, brier: 0.05, ece: 0.03, auroc: 0.97 },
      ood: { auroc: 0.66, auprIn: 0.7, auprOut: 0.6, fpr95: 0.7 },
      oodThreshold: textThreshold,
      counts: { train: 2400, validation: 400, test: 60, ood: 30 }
    },
    config: {
      ...base.config,
      datasetId: 4,
      oodDatasetId: undefined,
      target: 'label',
      roles: {},
      oodWhere: [
        { column: 'collection', value: 'easy-ham-2' },
        { column: 'collection', value: 'spam-2' }
      ],
      arch: 'transformer',
      text: { column: 'text', maxLen: 128, vocab: 8000 }
    }
  };
  return {
    datasets,
    runs: [
      { run: lstmRun, records: lstmRecords },
      { run: textRun, records: textRecords }
    ]
  };
}
