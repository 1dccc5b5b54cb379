/**
 * The Singular BNN model library (METHOD.md sections 1-5): low-rank Bayesian layers and the
 * baselines' layers, the MLP, LSTM and Transformer, the deep ensemble, LR-SVD initialization,
 * priors, likelihoods, training, Monte Carlo prediction, serialization and model inspection. Everything here runs in
 * the compute process, which owns tfjs.
 */
export { drawCount, recordSize } from './bayesian-model';
export type {
  BayesianModel,
  ForwardResult,
  ModelSpec,
  NamedVariable,
  RecordArray,
  RecordInput,
  WeightMatrix,
  WeightSamples
} from './bayesian-model';
export { DeepEnsemble, buildEnsemble, networkMethod } from './ensemble';
export type { EnsembleSpec } from './ensemble';
export { initFromSvd } from './init-from-svd';
export { gaussianPosteriors, lowRankFactors, meanWeights } from './inspect';
export type { FactorValues, MeanWeight, PosteriorValues } from './inspect';
export { createDense, layerMethod } from './layers/create-dense';
export type { AnyDenseOptions } from './layers/create-dense';
export type { DenseLayer, DenseLayerOptions, DenseWeights, LayerMethod } from './layers/dense-layer';
export { FullRankDense } from './layers/full-rank-dense';
export { PointDense } from './layers/point-dense';
export { Rank1Dense } from './layers/rank1-dense';
export { DenseLSTM } from './layers/dense-lstm';
export type { LstmLayer } from './layers/lstm-layer';
export { BayesianMlp, buildMlp } from './bayesian-mlp';
export type { MlpSpec } from './bayesian-mlp';
export { BayesianLstmRegressor, buildLstmRegressor } from './bayesian-lstm';
export type { LstmRegressorSpec } from './bayesian-lstm';
export { LowRankLSTM } from './layers/low-rank-lstm';
export type { LowRankLstmOptions, LowRankLstmSample, LowRankLstmWeights } from './layers/low-rank-lstm';
export { architectureBuilder, registerArchitecture } from './model-registry';
export type { ArchitectureBuilder } from './model-registry';
export { GaussianPosterior } from './gaussian-posterior';
export type { WeightDraw } from './gaussian-posterior';
export { LowRankDense, disposeSample, factorInit, factorPosterior } from './layers/low-rank-dense';
export type {
  FactorInit,
  LowRankDenseOptions,
  LowRankDenseSample,
  LowRankDenseWeights,
  VarianceInit
} from './layers/low-rank-dense';
export { BernoulliLikelihood } from './likelihoods/bernoulli';
export { CategoricalLikelihood } from './likelihoods/categorical';
export { GaussianLikelihood } from './likelihoods/gaussian';
export { createLikelihood } from './likelihoods/create-likelihood';
export type {
  ClassificationLikelihood,
  Likelihood,
  LikelihoodConfig,
  RegressionLikelihood
} from './likelihoods/likelihood';
export { centralIntervalZ, normalQuantile } from './math/normal-quantile';
export { predict } from './predictor';
export type { PredictOptions, Predictive } from './predictor';
export { createPrior } from './priors/create-prior';
export { GaussianPrior } from './priors/gaussian-prior';
export type { Prior } from './priors/prior';
export { ScaleMixturePrior } from './priors/scale-mixture-prior';
export { exportModel, importModel, POSTERIOR_FORMAT, POSTERIOR_VERSION } from './serialization';
export type { SavedPosterior, SavedVariable } from './serialization';
export { klWeight, trainModel } from './trainer';
export type { TrainData, TrainHooks, TrainOptions, TrainOutcome, TrainStep } from './trainer';
