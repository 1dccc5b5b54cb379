import { BernoulliLikelihood } from './bernoulli';
import { CategoricalLikelihood } from './categorical';
import { GaussianLikelihood } from './gaussian';
import type { Likelihood, LikelihoodConfig } from './likelihood';

/** The likelihood a config describes; its trainable variables start at their defaults. */
export function createLikelihood(config: LikelihoodConfig): Likelihood {
  switch (config.kind) {
    case 'bernoulli':
      return new BernoulliLikelihood();
    case 'categorical':
      return new CategoricalLikelihood(config.classes, config.classWeights);
    case 'gaussian':
      return new GaussianLikelihood();
  }
}
