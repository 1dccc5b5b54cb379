import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '@shared/contract/errors';
import { ArchSchema } from '@shared/domain/config';
import type { Arch } from '@shared/domain/config';
import type { BayesianModel, ModelSpec, NamedVariable } from './bayesian-model';
import { architectureBuilder } from './model-registry';
import { createLikelihood } from './likelihoods/create-likelihood';
import type { Likelihood, LikelihoodConfig } from './likelihoods/likelihood';

export const POSTERIOR_FORMAT = 'sbnn-posterior';
/**
 * 2: `arch` recorded and the spec tagged with it (MLP, LSTM, Transformer). Version 1 files are MLPs
 * and still load; an older app refuses version 2, which may hold an architecture it cannot build.
 */
export const POSTERIOR_VERSION = 2;

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
  spec: ModelSpec | Omit<ModelSpec, 'arch'>;
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

/** Rebuilds a model and likelihood from exportModel's output; BAD_DATA when it does not describe one. */
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
  const build = architectureBuilder(arch.data);
  if (!build) {
    throw new AppError(
      'BAD_DATA',
      `This build cannot rebuild '${arch.data}' models (the architecture is not loaded).`
    );
  }
  let model: BayesianModel;
  try {
    model = build({ ...saved.spec, arch: arch.data });
  } catch (err) {
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
