/**
 * Classification metrics of the mean predictive distribution p_bar (METHOD.md sections 4 and 6).
 * `probs` is n rows of K class probabilities; `labels` the true class index per row. Formulas: docs/metrics.md.
 */
import { mean, requireSameLength } from './check';

export type ProbabilityRows = readonly (readonly number[])[];

/** sklearn's log_loss clipping: probabilities are kept in [eps, 1 - eps] so one confident mistake stays finite. */
export const NLL_EPS = 1e-15;
export const ECE_BINS = 15;

export type BinningScheme = 'equal-width' | 'equal-mass';

export interface ReliabilityBin {
  /** Confidence range of the bin: (lower, upper] for equal-width; [min, max] of its members for equal-mass. */
  lower: number;
  upper: number;
  count: number;
  /** Mean confidence and accuracy of the members; null for an empty bin. */
  confidence: number | null;
  accuracy: number | null;
}

/** Rows [1 - p, p] from P(positive class), for binary predictions kept as one probability per record. */
export function binaryProbs(pPositive: readonly number[]): number[][] {
  return pPositive.map((p) => [1 - p, p]);
}

/** Index of the largest probability (the first one on ties). */
export function argmax(row: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < row.length; k++) if ((row[k] as number) > (row[best] as number)) best = k;
  return best;
}

function trueProb(row: readonly number[], label: number, name: string): number {
  const p = row[label];
  if (p === undefined || !Number.isInteger(label))
    throw new RangeError(`${name}: label ${label} is not a class index`);
  return p;
}

/** Fraction of rows whose argmax is the true class. */
export function accuracy(probs: ProbabilityRows, labels: readonly number[]): number {
  const n = requireSameLength('accuracy', probs, labels);
  let correct = 0;
  for (let i = 0; i < n; i++) if (argmax(probs[i] as number[]) === labels[i]) correct++;
  return correct / n;
}

/** Mean -log p_true after clipping every entry to [eps, 1 - eps] and renormalizing the row (as sklearn log_loss). */
export function nll(probs: ProbabilityRows, labels: readonly number[]): number {
  const n = requireSameLength('nll', probs, labels);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const row = probs[i] as number[];
    let total = 0;
    for (const p of row) total += Math.min(Math.max(p, NLL_EPS), 1 - NLL_EPS);
    const p = Math.min(Math.max(trueProb(row, labels[i] as number, 'nll'), NLL_EPS), 1 - NLL_EPS);
    sum -= Math.log(p / total);
  }
  return sum / n;
}

/** Binary Brier score, mean (p - y)^2 with y in {0, 1} (as sklearn brier_score_loss). */
export function brierBinary(pPositive: readonly number[], y: readonly number[]): number {
  const n = requireSameLength('brierBinary', pPositive, y);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += ((pPositive[i] as number) - (y[i] as number)) ** 2;
  return sum / n;
}

/** Multiclass Brier score, mean over rows of sum_k (p_k - 1[y = k])^2. */
export function brierMulticlass(probs: ProbabilityRows, labels: readonly number[]): number {
  const n = requireSameLength('brierMulticlass', probs, labels);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const row = probs[i] as number[];
    trueProb(row, labels[i] as number, 'brierMulticlass');
    row.forEach((p, k) => (sum += (p - (k === labels[i] ? 1 : 0)) ** 2));
  }
  return sum / n;
}

/** Brier score: the binary form on P(class 1) when K = 2 (half the multiclass sum), the multiclass form otherwise. */
export function brier(probs: ProbabilityRows, labels: readonly number[]): number {
  if (probs.length > 0 && probs.every((row) => row.length === 2)) {
    return brierBinary(
      probs.map((row) => row[1] as number),
      labels
    );
  }
  return brierMulticlass(probs, labels);
}

/** Bin of a confidence c in equal-width bins (k/B, (k+1)/B], the first one closed at 0. */
function widthBin(c: number, bins: number): number {
  let k = Math.min(bins - 1, Math.max(0, Math.ceil(c * bins) - 1));
  // ceil(c * B) can be off by one when c is a boundary k/B not exactly representable.
  if (k > 0 && c <= k / bins) k--;
  else if (k < bins - 1 && c > (k + 1) / bins) k++;
  return k;
}

/**
 * Reliability diagram on the confidence of the predicted class, max_k p_k, against whether the
 * argmax is the true class (see reliabilityOfConfidence for the binning).
 */
export function reliabilityBins(
  probs: ProbabilityRows,
  labels: readonly number[],
  options: { bins?: number; scheme?: BinningScheme } = {}
): ReliabilityBin[] {
  requireSameLength('reliabilityBins', probs, labels);
  return reliabilityOfConfidence(
    probs.map((row) => row[argmax(row)] as number),
    probs.map((row, i) => argmax(row) === labels[i]),
    options
  );
}

/**
 * Reliability diagram of per-record confidences and correctness. Equal-width: B bins
 * (k/B, (k+1)/B]. Equal-mass: records sorted by confidence (ties by record order) cut into B
 * contiguous groups whose sizes differ by at most one, larger groups first (as numpy.array_split);
 * with fewer records than bins only the non-empty groups are returned.
 */
export function reliabilityOfConfidence(
  confidence: readonly number[],
  correct: readonly boolean[],
  options: { bins?: number; scheme?: BinningScheme } = {}
): ReliabilityBin[] {
  const n = requireSameLength('reliabilityOfConfidence', confidence, correct);
  const bins = options.bins ?? ECE_BINS;
  if (!Number.isInteger(bins) || bins < 1)
    throw new RangeError(`reliability bins: bins must be a positive integer, got ${bins}`);
  const members: number[][] = Array.from({ length: bins }, () => []);
  const equalWidth = (options.scheme ?? 'equal-width') === 'equal-width';
  if (equalWidth) {
    confidence.forEach((c, i) => members[widthBin(c, bins)]?.push(i));
  } else {
    const order = confidence
      .map((_, i) => i)
      .sort((a, b) => (confidence[a] as number) - (confidence[b] as number) || a - b);
    let start = 0;
    for (let b = 0; b < bins; b++) {
      const size = Math.floor(n / bins) + (b < n % bins ? 1 : 0);
      members[b] = order.slice(start, start + size);
      start += size;
    }
  }
  const result: ReliabilityBin[] = [];
  members.forEach((idx, b) => {
    // Equal-mass groups are sorted, so their first and last members bound them; empty ones (n < B) are dropped.
    if (!equalWidth && idx.length === 0) return;
    const conf = idx.map((i) => confidence[i] as number);
    result.push({
      lower: equalWidth ? b / bins : (conf[0] as number),
      upper: equalWidth ? (b + 1) / bins : (conf[conf.length - 1] as number),
      count: idx.length,
      confidence: idx.length > 0 ? mean(conf) : null,
      accuracy: idx.length > 0 ? mean(idx.map((i) => (correct[i] ? 1 : 0))) : null
    });
  });
  return result;
}

/** Expected calibration error: sum over bins of (n_b / n) |accuracy_b - confidence_b| (15 bins by default). */
export function ece(
  probs: ProbabilityRows,
  labels: readonly number[],
  options: { bins?: number; scheme?: BinningScheme } = {}
): number {
  let total = 0;
  for (const bin of reliabilityBins(probs, labels, options)) {
    if (bin.count > 0)
      total += (bin.count / labels.length) * Math.abs((bin.accuracy ?? 0) - (bin.confidence ?? 0));
  }
  return total;
}
