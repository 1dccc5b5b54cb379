import type { Arch } from '@shared/domain/config';
import type { BayesianModel, ModelSpec } from './bayesian-model';
import { buildMlp } from './bayesian-mlp';
import type { MlpSpec } from './bayesian-mlp';
import { buildLstmRegressor } from './bayesian-lstm';
import type { LstmRegressorSpec } from './bayesian-lstm';

/**
 * Rebuilds a model from its saved spec. Receives the spec exactly as saved (JSON), so it trusts the
 * `arch` tag and leaves shape checks to the model's constructor and to importModel's variable check.
 */
export type ArchitectureBuilder = (spec: ModelSpec) => BayesianModel;

/**
 * Which class rebuilds a saved posterior, by `arch`. The MLP and the LSTM are built in; another
 * architecture adds itself from its own module with registerArchitecture(), and whatever loads
 * that module (its training job, the compute entry) makes it known to importModel. A registry
 * rather than a switch here so that an architecture's module needs no edit to this file.
 */
const builders = new Map<Arch, ArchitectureBuilder>([
  ['mlp', (spec) => buildMlp(spec as MlpSpec & ModelSpec)],
  ['lstm', (spec) => buildLstmRegressor(spec as LstmRegressorSpec)]
]);

/** Registers (or replaces) the builder of an architecture; call it once at module load. */
export function registerArchitecture(arch: Arch, build: ArchitectureBuilder): void {
  builders.set(arch, build);
}

/** The builder of `arch`, or undefined when no loaded module registered it. */
export function architectureBuilder(arch: Arch): ArchitectureBuilder | undefined {
  return builders.get(arch);
}
