import * as tf from '@tensorflow/tfjs-core';
import type { Arch, Method } from '@shared/domain/config';
import type {
  BayesianModel,
  ForwardResult,
  ModelSpec,
  NamedVariable,
  RecordInput,
  WeightMatrix,
  WeightSamples
} from './bayesian-model';
import { ACTIVATION_BUDGET } from './bayesian-model';
import type { LayerMethod } from './layers/dense-layer';

/** The saved spec of an ensemble: its members' specs, in member order. */
export interface EnsembleSpec extends ModelSpec {
  method: 'ensemble';
  members: ModelSpec[];
}

/** The method each network of a run is built with: an ensemble's members are deterministic networks. */
export function networkMethod(method: Method): LayerMethod {
  return method === 'ensemble' ? 'deterministic' : method;
}

/** Whether a saved spec describes an ensemble (then importModel rebuilds every member). */
export function isEnsembleSpec(spec: ModelSpec): spec is EnsembleSpec {
  return spec.method === 'ensemble' && Array.isArray((spec as Partial<EnsembleSpec>).members);
}

/**
 * A deep ensemble (METHOD.md section 5): M deterministic networks of the same architecture, trained
 * separately with different seeds. Its draws are its members, one each, so the predictor's p_bar,
 * mean and epistemic terms (section 4) are the formulas over members and the uncertainty is their
 * disagreement. It is never trained as a whole: `forward` refuses, members are trained on their own,
 * exported with exportModel and gathered here. Serialization: the spec lists the member specs and
 * the variables are the members' under `member{k}.`; importModel rebuilds it.
 */
export class DeepEnsemble implements BayesianModel {
  readonly spec: EnsembleSpec;
  readonly method = 'ensemble';
  readonly members: BayesianModel[];
  readonly input: RecordInput;
  readonly outputDim: number;
  readonly activationFloatsPerRecord: number;

  constructor(members: BayesianModel[]) {
    const first = members[0];
    if (!first) throw new Error('An ensemble needs at least one member.');
    const arch: Arch = first.spec.arch;
    members.forEach((m, k) => {
      const same =
        m.spec.arch === arch &&
        m.outputDim === first.outputDim &&
        m.input.dtype === first.input.dtype &&
        tf.util.arraysEqual(m.input.shape, first.input.shape);
      if (!same) throw new Error(`Ensemble member ${k} does not have member 0's architecture and shapes.`);
      if (m.method !== 'deterministic')
        throw new Error(`Ensemble members are deterministic networks; member ${k} is ${m.method}.`);
    });
    this.members = [...members];
    this.spec = { arch, method: 'ensemble', members: members.map((m) => structuredClone(m.spec)) };
    this.input = first.input;
    this.outputDim = first.outputDim;
    this.activationFloatsPerRecord = Math.max(...members.map((m) => m.activationFloatsPerRecord));
  }

  forward(): ForwardResult {
    throw new Error('An ensemble is not trained as a whole: train its members, then gather them.');
  }

  /** One draw per member whatever `count` (METHOD.md section 5); member k uses seed + k. x [B, ...] -> [M, B, outputDim]. */
  drawSamples(_count: number, seed: number): WeightSamples {
    const draws = this.members.map((m, k) => m.drawSamples(1, seed + k));
    return {
      count: this.members.length,
      apply: (x) =>
        tf.tidy(() => {
          const outputs = draws.map((d) => d.apply(x));
          return (outputs.length === 1 ? outputs[0] : tf.concat(outputs, 0)) as tf.Tensor3D;
        }),
      dispose: () => {
        for (const d of draws) d.dispose();
      }
    };
  }

  /** Members run one after another on each chunk, so the smallest member chunk (for one draw) bounds it. */
  predictionChunkSize(): number {
    return Math.min(
      ...this.members.map(
        (m) =>
          m.predictionChunkSize?.(1) ??
          Math.max(1, Math.floor(ACTIVATION_BUDGET / m.activationFloatsPerRecord))
      )
    );
  }

  /** Member 0's weight matrices (the theory tools read one network). */
  weightMatrices(): WeightMatrix[] {
    return this.members[0]?.weightMatrices() ?? [];
  }

  get trainableVariables(): tf.Variable[] {
    return this.members.flatMap((m) => m.trainableVariables);
  }

  /** `member0.layer0.w`, ..., `member1.layer0.w`, ...: every member's variables under its index. */
  namedVariables(): NamedVariable[] {
    return this.members.flatMap((m, k) =>
      m.namedVariables().map(({ name, variable }) => ({ name: `member${k}.${name}`, variable }))
    );
  }

  /** Every member's parameters (METHOD.md section 1: an ensemble counts all members). */
  get paramCount(): number {
    return this.members.reduce((sum, m) => sum + m.paramCount, 0);
  }

  dispose(): void {
    for (const m of this.members) m.dispose();
  }
}

/** The deep ensemble of deterministic `members` (it takes ownership of them). */
export function buildEnsemble(members: BayesianModel[]): BayesianModel {
  return new DeepEnsemble(members);
}
