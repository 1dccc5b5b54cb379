import { BAYESIAN_METHODS } from '@shared/domain/config';
import type { TrainConfig } from '@shared/domain/config';
import type { LayerSpectrum, PacBayes } from '@shared/domain/records';
import { singularValues } from '@shared/math/svd';
import { klToPrior, pacBayesSummary } from '@shared/theory/pac-bayes';
import { layerSpectrum } from '@shared/theory/spectrum';
import type { BayesianModel } from '../../model/bayesian-model';
import { gaussianPosteriors, meanWeights } from '../../model/inspect';
import type { Likelihood } from '../../model/likelihoods/likelihood';
import type { EncodedRecords } from '../../pipeline/prepared-run';
import { gibbsRisk } from '../../theory/gibbs-risk';

/** Weight draws and records the Gibbs risk of the bound is estimated with (ours: a cost cap). */
const GIBBS_SAMPLES = 10;
const GIBBS_MAX_RECORDS = 5000;

/**
 * The singular value spectrum and retained energy of every weight matrix's posterior mean
 * (METHOD.md section 7, Eckart-Young-Mirsky).
 */
export function weightSpectra(model: BayesianModel): LayerSpectrum[] {
  return meanWeights(model).map((w) =>
    layerSpectrum(w.layer, w.rows, w.cols, w.rank, singularValues(w.values, w.rows, w.cols))
  );
}

/**
 * McAllester's PAC-Bayes bound (METHOD.md section 7) of a Bayesian run: KL(Q || P) of the trained
 * posterior to the run's prior, the Gibbs risk on the training records (loss in [0, 1]), n = N_train,
 * delta = 0.05. Null for methods without a posterior (deterministic, ensemble).
 */
export function pacBayesOf(
  model: BayesianModel,
  likelihood: Likelihood,
  config: TrainConfig,
  train: EncodedRecords
): PacBayes | null {
  if (!BAYESIAN_METHODS.includes(config.method)) return null;
  const posteriors = gaussianPosteriors(model);
  if (posteriors.length === 0) return null;
  let kl = 0;
  let bayesianParams = 0;
  for (const p of posteriors) {
    kl += klToPrior(p.mu, p.sigma, config.prior);
    bayesianParams += 2 * p.mu.length;
  }
  const { risk, loss } = gibbsRisk(model, likelihood, train.x, train.y, train.n, {
    samples: GIBBS_SAMPLES,
    seed: config.seed + 2,
    maxRecords: GIBBS_MAX_RECORDS
  });
  return pacBayesSummary({ kl, risk, loss, n: train.n, bayesianParams });
}
