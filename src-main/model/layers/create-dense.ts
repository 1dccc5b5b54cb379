import type { DenseLayer, DenseLayerOptions, LayerMethod } from './dense-layer';
import { FullRankDense } from './full-rank-dense';
import { LowRankDense } from './low-rank-dense';
import { PointDense } from './point-dense';
import { Rank1Dense } from './rank1-dense';

const LAYER_METHODS: readonly LayerMethod[] = ['sbnn', 'lr-svd', 'bbb', 'rank1', 'deterministic'];

/** The method of a saved spec (absent in older files: 'sbnn'); throws on anything a network cannot be built with. */
export function layerMethod(method: unknown): LayerMethod {
  if (method === undefined) return 'sbnn';
  const found = LAYER_METHODS.find((m) => m === method);
  if (!found) throw new Error(`a network cannot be built with the method ${JSON.stringify(method)}`);
  return found;
}

/** Options of a dense layer of any method; `rank` and `damping` are read by the low-rank methods only. */
export interface AnyDenseOptions extends DenseLayerOptions {
  /** r of A (m x r) and B (n x r): required by the low-rank methods, unused by the others. */
  rank?: number;
  damping?: number;
}

/**
 * The weight matrix of `method` (METHOD.md sections 1 and 5): A B^T for sbnn and lr-svd (the same
 * model; lr-svd's factors are set later by initFromSvd), a full mean-field Gaussian W for bbb, point
 * weights for the deterministic network, W0 * (s r^T) for rank1.
 */
export function createDense(method: LayerMethod, options: AnyDenseOptions): DenseLayer {
  switch (method) {
    case 'sbnn':
    case 'lr-svd':
      if (options.bias === false) throw new Error('A low-rank dense layer always has its bias.');
      if (options.rank === undefined) throw new Error('A low-rank dense layer needs a rank.');
      return new LowRankDense({ ...options, rank: options.rank, method });
    case 'bbb':
      return new FullRankDense(options);
    case 'deterministic':
      return new PointDense(options);
    case 'rank1':
      return new Rank1Dense(options);
  }
}
