import { registerArchitecture } from '../model-registry';
import { buildTransformerClassifier } from './bayesian-transformer';
import type { TransformerSpec } from './transformer-spec';

/**
 * Makes importModel able to rebuild saved Transformer posteriors. Imported for its effect by
 * whatever trains or loads Transformer models (the text training job, the compute entry).
 */
registerArchitecture('transformer', (spec) => buildTransformerClassifier(spec as TransformerSpec));
