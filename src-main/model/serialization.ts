import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '@shared/contract/errors';
import { ArchSchema } from '@shared/domain/config';
import type { Arch } from '@shared/domain/config';
import type { BayesianModel, ModelSpec, NamedVariable } from './bayesian-model';
import { buildEnsemble, isEnsembleSpec } from './ensemble';
import { architectureBuilder } from './model-registry';
import { createLikelihood } from './likelihoods/create-likelihood';
import type { Likelihood, LikelihoodConfig } from './likelihoods/likelihood';

export const POSTERIOR_FORMAT = 'sbnn-posterior';
/**
 * 2: `arch` recorded and the spec tagged with it (MLP, LSTM, Transformer). 3: the spec's `method`
 * (METHOD.md section 5; absent: sbnn), an ensemble's spec listing its members. Older files still
 * load; an older app refuses a newer version, which may hold a model it cannot build.
 */
export const POSTERIOR_VERSION = 3;

export interface SavedVariable {
  /** Stable name, e.g. `layer0.a.mu`, `likelihood.logSigma`. */
  name: string;
  shape: number[];
  /**
   * Row-major values. Every float32 is exactly a double, and JSON writes doubles so that they read
   * back identically, so values survive a JSON round trip bit for bit.
   */
  values: number[];
}

/** A trained posterior as plain JSON: enough to rebuild the model and predict identically. */
export interface SavedPosterior {
  format: typeof POSTERIOR_FORMAT;
  version: number;
  /** Which architecture `spec` describes (absent in version 1 files: 'mlp'). */
  arch?: Arch;
  /** The model's own JSON spec (MlpSpec, LstmRegressorSpec, ...); version 1 files lack its `arch` tag. */
  spec: ModelSpec | (Omit<ModelSpec, 'arch'> & Record<string, unknown>);
  likelihood: LikelihoodConfig;
  variables: SavedVariable[];
}

function named(model: BayesianModel, likelihood: Likelihood): NamedVariable[] {
  return [...model.namedVariables(), ...likelihood.namedVariables()];
}

export function exportModel(model: BayesianModel, likelihood: Likelihood): SavedPosterior {
  return {
    format: POSTERIOR_FORMAT,
    version: POSTERIOR_VERSION,
    arch: model.spec.arch,
    spec: structuredClone(model.spec),
    likelihood: structuredClone(likelihood.config),
    variables: named(model, likelihood).map(({ name, variable }) => ({
      name,
      shape: [...variable.shape],
      values: Array.from(variable.dataSync())
    }))
  };
}

/**
 * The untrained model of a saved spec: the architecture's builder, or for an ensemble (METHOD.md
 * section 5) every member's, gathered. Throws AppError BAD_DATA when the architecture is not loaded.
 */
function rebuild(spec: ModelSpec): BayesianModel {
  if (isEnsembleSpec(spec)) {
    const members: BayesianModel[] = [];
    try {
      for (const member of spec.members) members.push(rebuild({ ...member, arch: spec.arch }));
      return buildEnsemble(members);
    } catch (err) {
      for (const m of members) m.dispose();
      throw err;
    }
  }
  const build = architectureBuilder(spec.arch);
  if (!build) {
    throw new AppError(
      'BAD_DATA',
      `This build cannot rebuild '${spec.arch}' models (the architecture is not loaded).`
    );
  }
  return build(spec);
}

/**
 * Rebuilds a model and likelihood from exportModel's output, whatever the method (the spec's
 * `method`; an ensemble's spec lists its members); BAD_DATA when it does not describe one.
 */
export function importModel(saved: SavedPosterior): { model: BayesianModel; likelihood: Likelihood } {
  if (saved.format !== POSTERIOR_FORMAT)
    throw new AppError('BAD_DATA', 'This is not a saved SBNN posterior.');
  if (saved.version > POSTERIOR_VERSION) {
    throw new AppError(
      'BAD_DATA',
      `The posterior was saved by a newer version (format ${saved.version}); update the app.`
    );
  }
  const arch = ArchSchema.safeParse(saved.arch ?? 'mlp');
  if (!arch.success)
    throw new AppError('BAD_DATA', `Unknown model architecture ${JSON.stringify(saved.arch)}.`);
  let model: BayesianModel;
  try {
    model = rebuild({ ...saved.spec, arch: arch.data });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      'BAD_DATA',
      `The saved ${arch.data} spec is invalid: ${err instanceof Error ? err.message : String(err)}.`
    );
  }
  const likelihood = createLikelihood(saved.likelihood);
  try {
    const targets = named(model, likelihood);
    const byName = new Map(saved.variables.map((v) => [v.name, v]));
    if (byName.size !== saved.variables.length || targets.length !== saved.variables.length) {
      throw new Error(`expected ${targets.length} distinct variables, found ${saved.variables.length}`);
    }
    for (const { name, variable } of targets) {
      const v = byName.get(name);
      if (!v) throw new Error(`variable ${name} is missing`);
      if (!tf.util.arraysEqual(v.shape, variable.shape)) {
        throw new Error(
          `variable ${name} has shape ${JSON.stringify(v.shape)}, expected ${JSON.stringify(variable.shape)}`
        );
      }
      if (
        v.values.length !== variable.size ||
        !v.values.every((x) => typeof x === 'number' && Number.isFinite(x))
      ) {
        throw new Error(`variable ${name} needs ${variable.size} finite numbers`);
      }
      tf.tidy(() => variable.assign(tf.tensor(Float32Array.from(v.values), variable.shape)));
    }
  } catch (err) {
    model.dispose();
    likelihood.dispose();
    throw new AppError(
      'BAD_DATA',
      `The saved posterior is damaged: ${err instanceof Error ? err.message : String(err)}.`
    );
  }
  return { model, likelihood };
}
