import * as tf from '@tensorflow/tfjs-core';
import { buildEnsemble } from '../../model/ensemble';
import type { BayesianModel } from '../../model/bayesian-model';
import { createLikelihood } from '../../model/likelihoods/create-likelihood';
import type { Likelihood, LikelihoodConfig } from '../../model/likelihoods/likelihood';
import { importModel } from '../../model/serialization';
import type { SavedPosterior } from '../../model/serialization';

/**
 * A deep ensemble (METHOD.md section 5) from members trained separately (in parallel compute
 * processes) and exported. Regression members each learned their own noise sigma_k; the ensemble's
 * predictive is the equal mixture of the members' Gaussians, whose variance is the mean of the
 * sigma_k^2 plus the variance of the member means (the law of total variance), so the ensemble's
 * likelihood carries sigma^2 = mean_k sigma_k^2 and the predictor adds the member disagreement.
 */
export function gatherEnsemble(
  members: SavedPosterior[],
  likelihoodConfig: LikelihoodConfig
): { model: BayesianModel; likelihood: Likelihood } {
  const models: BayesianModel[] = [];
  const noiseVariances: number[] = [];
  try {
    for (const saved of members) {
      const { model, likelihood } = importModel(saved);
      models.push(model);
      if (likelihood.task === 'regression') noiseVariances.push(likelihood.noiseStd() ** 2);
      likelihood.dispose();
    }
  } catch (err) {
    for (const m of models) m.dispose();
    throw err;
  }
  const likelihood = createLikelihood(likelihoodConfig);
  if (likelihood.task === 'regression' && noiseVariances.length > 0) {
    const meanVariance = noiseVariances.reduce((a, b) => a + b, 0) / noiseVariances.length;
    const logSigma = likelihood.variables[0];
    if (logSigma) tf.tidy(() => logSigma.assign(tf.scalar(0.5 * Math.log(meanVariance))));
  }
  return { model: buildEnsemble(models), likelihood };
}
