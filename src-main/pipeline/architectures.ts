import type { TrainConfig } from '@shared/domain/config';
import { resolveRanks } from '@shared/domain/config';
import type { Preprocessor } from '../data/preprocessing';
import { parseTable } from '../data/csv-table';
import type { TableFile } from '../data/table-file';
import { buildMlp } from '../model/bayesian-mlp';
import type { BayesianModel } from '../model/bayesian-model';
import type { Likelihood } from '../model/likelihoods/likelihood';
import { encodeTabular, prepareTabular } from './prepare-tabular';
import type { EncodedRecords, PreparedRun } from './prepared-run';

/** The fitted preprocessing of a run, tagged with its architecture (stored with the model). */
export type SavedPreprocessor = { arch: 'mlp'; tabular: Preprocessor };

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

const mlp: ArchitecturePipeline = {
  prepare: (config, data, oodData) => {
    const prepared = prepareTabular(config, data, oodData);
    return { ...prepared, preprocessor: { arch: 'mlp', tabular: prepared.preprocessor } };
  },
  encode: (saved, data) => {
    const table = parseTable(data.content, data.fileName);
    return encodeTabular(
      saved.tabular,
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
      seed: config.seed
    })
};

export function pipelineFor(arch: TrainConfig['arch']): ArchitecturePipeline {
  switch (arch) {
    case 'mlp':
      return mlp;
    default:
      throw new Error(`No training pipeline for the ${arch} architecture yet.`);
  }
}
