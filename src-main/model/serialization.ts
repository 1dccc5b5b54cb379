import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '@shared/contract/errors';
import { buildMlp } from './bayesian-mlp';
import type { BayesianMlp, MlpSpec } from './bayesian-mlp';
import { createLikelihood } from './likelihoods/create-likelihood';
import type { Likelihood, LikelihoodConfig } from './likelihoods/likelihood';

export const POSTERIOR_FORMAT = 'sbnn-posterior';
export const POSTERIOR_VERSION = 1;

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
  spec: MlpSpec;
  likelihood: LikelihoodConfig;
  variables: SavedVariable[];
}

function named(model: BayesianMlp, likelihood: Likelihood): Array<{ name: string; variable: tf.Variable }> {
  return [...model.namedVariables(), ...likelihood.namedVariables()];
}

export function exportModel(model: BayesianMlp, likelihood: Likelihood): SavedPosterior {
  return {
    format: POSTERIOR_FORMAT,
    version: POSTERIOR_VERSION,
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
export function importModel(saved: SavedPosterior): { model: BayesianMlp; likelihood: Likelihood } {
  if (saved.format !== POSTERIOR_FORMAT)
    throw new AppError('BAD_DATA', 'This is not a saved SBNN posterior.');
  if (saved.version > POSTERIOR_VERSION) {
    throw new AppError(
      'BAD_DATA',
      `The posterior was saved by a newer version (format ${saved.version}); update the app.`
    );
  }
  const model = buildMlp(saved.spec);
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
