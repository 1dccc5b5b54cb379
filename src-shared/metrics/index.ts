/** The metrics library (METHOD.md section 6); exact formulas in docs/metrics.md. */
export * from './classification';
export * from './ranking';
export * from './ood';
export * from './regression';
export * from './selective';
export * from './conformal';
export { erf, normalCdf, normalPdf } from './normal';
