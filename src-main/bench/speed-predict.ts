import type { BayesianModel } from '../model/bayesian-model';
import { buildEnsemble } from '../model/ensemble';
import { createLikelihood } from '../model/likelihoods/create-likelihood';
import { predict } from '../model/predictor';
import { ENSEMBLE_MEMBERS, PREDICT_RECORDS, PREDICT_SAMPLES } from './speed-configs';
import type { SpeedMethod, SpeedNetwork } from './speed-configs';
import { syntheticRecords } from './speed-steps';

/** Records of the untimed warm-up prediction (first kernel calls, operator set-up). */
const WARMUP_RECORDS = 8;

function speedModel(network: SpeedNetwork, method: SpeedMethod): BayesianModel {
  if (method !== 'ensemble') return network.build(method, 1);
  return buildEnsemble(
    Array.from({ length: ENSEMBLE_MEMBERS }, (_, k) => network.build('deterministic', 1 + 10 * k))
  );
}

/**
 * Wall time of predict() (METHOD.md section 4: S draws made once, every chunk evaluated for all of
 * them, the predictive summaries read back) for PREDICT_SAMPLES draws on PREDICT_RECORDS synthetic
 * records, after an untimed warm-up on a few records; ms.
 */
export function predictMs(network: SpeedNetwork, method: SpeedMethod): number {
  const model = speedModel(network, method);
  const likelihood = createLikelihood(network.likelihood);
  try {
    const run = (records: number, seed: number): number => {
      const x = syntheticRecords(model.input, records, seed);
      const start = performance.now();
      predict(model, likelihood, x, records, { samples: PREDICT_SAMPLES, seed, intervalLevel: 0.95 });
      return performance.now() - start;
    };
    run(WARMUP_RECORDS, 1);
    return run(PREDICT_RECORDS, 2);
  } finally {
    likelihood.dispose();
    model.dispose();
  }
}
