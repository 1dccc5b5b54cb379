import type { PriorConfig } from '@shared/domain/config';
import { GaussianPrior } from './gaussian-prior';
import type { Prior } from './prior';
import { ScaleMixturePrior } from './scale-mixture-prior';

/** The prior described by a run's PriorConfig (METHOD.md section 2). */
export function createPrior(config: PriorConfig): Prior {
  switch (config.kind) {
    case 'scale-mixture':
      return new ScaleMixturePrior(config.pi, config.sigma1, config.sigma2);
    case 'gaussian':
      return new GaussianPrior(config.sigma);
  }
}
