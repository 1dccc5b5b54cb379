import { AppError } from '@shared/contract/errors';
import type { TrainConfig } from '@shared/domain/config';
import { resolveRanks } from '@shared/domain/config';
import type { Preprocessor } from '../data/preprocessing';
import { parseTable } from '../data/csv-table';
import type { TableFile } from '../data/table-file';
import type { SeriesPreprocessor, SeriesSplit } from '../data/time-series/series-preprocessor';
import { transformSeries } from '../data/time-series/series-preprocessor';
import type { TextPreprocessor, TextSplit } from '../data/text/text-preprocessor';
import { transformText } from '../data/text/text-preprocessor';
import { buildLstmRegressor } from '../model/bayesian-lstm';
import { buildMlp } from '../model/bayesian-mlp';
import type { BayesianModel } from '../model/bayesian-model';
import { networkMethod } from '../model/ensemble';
import type { Likelihood } from '../model/likelihoods/likelihood';
import { buildTransformerClassifier } from '../model/transformer/bayesian-transformer';
import '../model/transformer/register-transformer';
import { transformerSpecFromConfig } from '../model/transformer/transformer-spec';
import { encodeTabular, prepareTabular } from './prepare-tabular';
import { prepareSeries } from './prepare-series';
import { prepareText } from './prepare-text';
import type { EncodedRecords, PreparedRun } from './prepared-run';

/** The fitted preprocessing of a run, tagged with its architecture (stored with the model). */
export type SavedPreprocessor =
  | { arch: 'mlp'; tabular: Preprocessor }
  | { arch: 'lstm'; series: SeriesPreprocessor }
  | { arch: 'transformer'; text: TextPreprocessor };

/**
 * What differs between architectures: how a file becomes encoded records, and which network reads
 * them. Everything else (training, prediction, scoring, metrics) is shared.
 */
export interface ArchitecturePipeline {
  prepare(config: TrainConfig, data: TableFile, oodData: TableFile | null): PreparedRun<SavedPreprocessor>;
  /** Encodes every row of a later file with the stored preprocessing (for scoring new data). */
  encode(saved: SavedPreprocessor, data: TableFile): EncodedRecords;
  buildModel(
    config: TrainConfig,
    prepared: PreparedRun<SavedPreprocessor>,
    likelihood: Likelihood
  ): BayesianModel;
}

/** The stored preprocessing of `arch`, or BAD_DATA when a saved model mixes architectures. */
function savedOf<A extends SavedPreprocessor['arch']>(
  saved: SavedPreprocessor,
  arch: A
): Extract<SavedPreprocessor, { arch: A }> {
  if (saved.arch !== arch) {
    throw new AppError(
      'BAD_DATA',
      `The saved model's preprocessing is for ${saved.arch}, not ${arch}; the model file is damaged.`
    );
  }
  return saved as Extract<SavedPreprocessor, { arch: A }>;
}

/** Tables: one feature vector per row, a low-rank MLP. */
const mlp: ArchitecturePipeline = {
  prepare: (config, data, oodData) => {
    const prepared = prepareTabular(config, data, oodData);
    return { ...prepared, preprocessor: { arch: 'mlp', tabular: prepared.preprocessor } };
  },
  encode: (saved, data) => {
    const table = parseTable(data.content, data.fileName);
    return encodeTabular(
      savedOf(saved, 'mlp').tabular,
      table,
      table.rows.map((_, i) => i),
      false
    );
  },
  buildModel: (config, prepared, likelihood) =>
    buildMlp({
      inputDim: prepared.input.shape[0] ?? 0,
      outputDim: likelihood.outputDim,
      hidden: config.hidden,
      ranks: resolveRanks(config),
      prior: config.prior,
      seed: config.seed,
      method: networkMethod(config.method)
    })
};

/**
 * Windows as records, with the label in the units of the target's own history channel (channel 0)
 * rather than the label scaling: then the last input value IS the persistence forecast in the
 * label's units, and the LSTM adds it to its output (persistenceFeature 0), learning the change
 * from the last observation (ours).
 */
function seriesRecords(split: SeriesSplit, pre: SeriesPreprocessor): EncodedRecords {
  const mean = pre.channelMeans[0] ?? 0;
  const std = pre.channelStds[0] ?? 1;
  return {
    n: split.n,
    x: split.x,
    y: split.y.map((v) => (v * pre.targetStd + pre.targetMean - mean) / std),
    rows: split.rows,
    ids: split.ids,
    rawTarget: split.raw,
    imputed: split.imputed,
    lastObserved: split.lastObserved,
    times: split.times
  };
}

/** Time series: windows [W, F] of the target's history and features, a low-rank LSTM regressor. */
const lstm: ArchitecturePipeline = {
  prepare: (config, data, oodData) => {
    if (oodData) {
      throw new AppError(
        'BAD_DATA',
        'For time series, choose the out-of-distribution windows by series (--ood-where) or by period (--ood-from), not by a second file.'
      );
    }
    const prepared = prepareSeries(config, data);
    return {
      arch: 'lstm',
      input: { shape: [prepared.pre.window, prepared.pre.channels.length], dtype: 'float32' },
      target: {
        task: 'regression',
        classes: null,
        positiveClass: null,
        targetMean: prepared.pre.channelMeans[0] ?? 0,
        targetStd: prepared.pre.channelStds[0] ?? 1
      },
      train: seriesRecords(prepared.train, prepared.pre),
      validation: seriesRecords(prepared.validation, prepared.pre),
      test: seriesRecords(prepared.test, prepared.pre),
      ood: prepared.ood ? seriesRecords(prepared.ood, prepared.pre) : null,
      preprocessor: { arch: 'lstm', series: prepared.pre },
      notes: prepared.notes
    };
  },
  encode: (saved, data) => {
    const pre = savedOf(saved, 'lstm').series;
    return seriesRecords(transformSeries(pre, parseTable(data.content, data.fileName)).split, pre);
  },
  buildModel: (config, prepared) =>
    buildLstmRegressor({
      arch: 'lstm',
      ...config.lstm,
      inputFeatures: prepared.input.shape[1] ?? 1,
      window: prepared.input.shape[0] ?? 1,
      persistenceFeature: 0,
      prior: config.prior,
      seed: config.seed,
      method: networkMethod(config.method)
    })
};

function textRecords(split: TextSplit): EncodedRecords {
  return {
    n: split.n,
    x: split.x,
    y: split.y,
    rows: split.rows,
    ids: split.ids,
    rawTarget: split.raw,
    imputed: split.rows.map(() => []),
    text: split.texts
  };
}

/** Text: token ids [L] of each document, a low-rank Transformer classifier. */
const transformer: ArchitecturePipeline = {
  prepare: (config, data, oodData) => {
    const prepared = prepareText(config, data, oodData);
    return {
      arch: 'transformer',
      input: { shape: [prepared.tokenizer.maxLen], dtype: 'int32' },
      target: {
        task: prepared.pre.task,
        classes: prepared.pre.classes,
        positiveClass: prepared.pre.positiveClass,
        targetMean: null,
        targetStd: null
      },
      train: textRecords(prepared.train),
      validation: textRecords(prepared.validation),
      test: textRecords(prepared.test),
      ood: prepared.ood ? textRecords(prepared.ood) : null,
      preprocessor: { arch: 'transformer', text: prepared.pre },
      notes: [
        ...prepared.pre.notes,
        ...(prepared.droppedWithoutTarget > 0
          ? [`${prepared.droppedWithoutTarget} rows without a value in "${config.target}" were left out.`]
          : [])
      ]
    };
  },
  encode: (saved, data) =>
    textRecords(transformText(savedOf(saved, 'transformer').text, parseTable(data.content, data.fileName))),
  buildModel: (config, prepared, likelihood) => {
    const text = config.text;
    const saved = savedOf(prepared.preprocessor, 'transformer');
    if (!text) throw new AppError('BAD_REQUEST', 'A Transformer run needs a text column.');
    return buildTransformerClassifier(
      transformerSpecFromConfig(
        config.transformer,
        { maxLen: prepared.input.shape[0] ?? text.maxLen },
        saved.text.tokenizer.vocabulary.length,
        likelihood.outputDim,
        config.prior,
        config.seed,
        networkMethod(config.method)
      )
    );
  }
};

export function pipelineFor(arch: TrainConfig['arch']): ArchitecturePipeline {
  switch (arch) {
    case 'mlp':
      return mlp;
    case 'lstm':
      return lstm;
    case 'transformer':
      return transformer;
  }
}
