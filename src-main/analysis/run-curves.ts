import type { Task } from '@shared/domain/config';
import type { RecordPrediction, RunCurves } from '@shared/domain/records';
import { reliabilityOfConfidence } from '@shared/metrics/classification';
import { precisionRecallCurve, rocCurve } from '@shared/metrics/ranking';
import { picp } from '@shared/metrics/regression';
import { riskCoverageCurve } from '@shared/metrics/selective';
import { parseNumber } from '../data/cell-values';
import { centralIntervalZ } from '../model/math/normal-quantile';

/** Nominal levels of the regression coverage curve: 0.50, 0.55, ..., 0.95, then 0.99. */
export const COVERAGE_LEVELS: readonly number[] = [
  0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99
];

/** Equal-width confidence bins of the reliability curve (METHOD.md section 6). */
const RELIABILITY_BINS = 15;

/**
 * The curves of one run for the Compare view, from its stored records (docs/metrics.md, "Run curves"):
 * OOD ROC and precision-recall of the OOD score with OOD positive (test records against OOD records;
 * null without both), and from the test records with a known target only: the reliability curve
 * (classification), the risk-coverage curve deferring by total uncertainty, and the observed coverage
 * of value +/- z * total at nominal levels (regression; the run's own `intervalLevel` is added).
 */
export function runCurves(
  runId: number,
  task: Task,
  records: readonly RecordPrediction[],
  intervalLevel: number
): RunCurves {
  // A NaN measurement is stored as NULL and read back as NaN (sql-values.ts): such records cannot be ranked.
  const scored = (split: 'test' | 'ood') =>
    records.filter((r) => r.split === split && Number.isFinite(r.oodScore));
  const idScored = scored('test');
  const oodScored = scored('ood');
  const both = idScored.length > 0 && oodScored.length > 0;
  const scores = [...idScored, ...oodScored].map((r) => r.oodScore);
  const oodPositive = [...idScored.map(() => 0), ...oodScored.map(() => 1)];
  const roc = both ? rocCurve(scores, oodPositive) : null;
  const pr = both ? precisionRecallCurve(scores, oodPositive) : null;
  const test = records.filter((r) => r.split === 'test' && Number.isFinite(r.total));
  const base = {
    runId,
    oodRoc: roc && { fpr: roc.fpr, tpr: roc.tpr },
    oodPr: pr && { recall: pr.recall, precision: pr.precision }
  };

  if (task === 'regression') {
    const known = test.flatMap((r) => {
      const y = parseNumber(r.actual ?? undefined);
      return y === null ? [] : [{ record: r, y }];
    });
    const y = known.map((k) => k.y);
    const levels = COVERAGE_LEVELS.some((l) => Math.abs(l - intervalLevel) < 1e-9)
      ? COVERAGE_LEVELS
      : [...COVERAGE_LEVELS, intervalLevel].sort((a, b) => a - b);
    return {
      ...base,
      reliability: null,
      riskCoverage: riskCoverage(
        known.map((k) => k.record.total),
        known.map((k) => Math.abs(k.y - k.record.value))
      ),
      coverageByLevel:
        known.length === 0
          ? []
          : levels.map((nominal) => {
              const z = centralIntervalZ(nominal);
              return {
                nominal,
                observed: picp(
                  known.map((k) => k.record.value - z * k.record.total),
                  known.map((k) => k.record.value + z * k.record.total),
                  y
                )
              };
            })
    };
  }

  const known = test.filter((r) => r.correct !== null);
  const correct = known.map((r) => r.correct === true);
  // Binary records hold P(positive), so the predicted class has max(p, 1 - p); multiclass hold P(predicted).
  const confidence = known.map((r) => (task === 'binary' ? Math.max(r.value, 1 - r.value) : r.value));
  const bins =
    known.length === 0 ? [] : reliabilityOfConfidence(confidence, correct, { bins: RELIABILITY_BINS });
  return {
    ...base,
    reliability: bins.flatMap((b) =>
      b.confidence === null || b.accuracy === null
        ? []
        : [{ confidence: b.confidence, accuracy: b.accuracy, count: b.count }]
    ),
    riskCoverage: riskCoverage(
      known.map((r) => r.total),
      correct.map((c) => (c ? 0 : 1))
    ),
    coverageByLevel: null
  };
}

/** Risk of the retained records against the fraction retained, the most uncertain deferred first. */
function riskCoverage(uncertainty: number[], loss: number[]): RunCurves['riskCoverage'] {
  const points = uncertainty.length === 0 ? [] : riskCoverageCurve(uncertainty, loss);
  return { coverage: points.map((p) => p.coverage), risk: points.map((p) => p.risk) };
}
