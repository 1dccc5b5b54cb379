import { describe, expect, it } from 'vitest';
import { TrainConfigSchema } from '@shared/domain/config';
import type { Method } from '@shared/domain/config';
import type { RunMetrics } from '@shared/domain/records';
import { runReport } from '../../../src-main/cli/run-report';
import type { PaperResults, PaperRunRecord } from '../../../src-main/bench/paper-bench';
import { paperSettings } from '../../../src-main/bench/paper-datasets';
import { methodRows, paperMarkdown, sweepRows } from '../../../src-main/bench/paper-report';
import { SBNN_METRICS, runFixture } from '../cli/run-fixtures';

const COUNTS = { train: 2065, validation: 442, test: 443, ood: 555 };

/** A finished clinical run with the given OOD AUROC, NLL, parameter count and training time. */
function clinicalRun(
  method: Method,
  seed: number,
  values: { oodAuroc: number; nll: number; params: number; seconds: number },
  sweepRank: number | null = null,
  inMethodsTable = true
): PaperRunRecord {
  const metrics: RunMetrics = {
    ...SBNN_METRICS,
    counts: COUNTS,
    test: { ...SBNN_METRICS.test, nll: values.nll },
    ood: SBNN_METRICS.ood && { ...SBNN_METRICS.ood, auroc: values.oodAuroc }
  };
  const config = TrainConfigSchema.parse({
    datasetId: 1,
    target: 'event_3y',
    method,
    seed,
    rank: sweepRank ?? 8
  });
  return {
    dataset: 'clinical',
    method,
    seed,
    inMethodsTable,
    sweepRank,
    config,
    counts: COUNTS,
    report: runReport(
      runFixture({ id: seed, method, params: values.params, trainSeconds: values.seconds, metrics, config })
    ),
    error: null
  };
}

function results(): PaperResults {
  const failed = clinicalRun('rank1', 1, { oodAuroc: 0, nll: 0, params: 0, seconds: 0 });
  return {
    quick: true,
    seeds: 2,
    startedAt: '2026-11-26T15:00:00.000Z',
    totalSeconds: 754,
    machine: {
      cpu: 'Test CPU',
      cores: 2,
      memoryGB: 8,
      platform: 'linux x64',
      node: 'v22.0.0',
      backend: 'WebAssembly'
    },
    computeProcesses: 2,
    datasets: [
      {
        id: 'clinical',
        title: 'Breast cancer, Rotterdam',
        fileName: 'breast-cancer-rotterdam.csv',
        rows: 2950,
        subsample: null,
        settings: paperSettings(true, 2).datasets.clinical
      }
    ],
    runs: [
      clinicalRun('sbnn', 1, { oodAuroc: 0.5, nll: 0.45, params: 8882, seconds: 40 }, 8),
      clinicalRun('sbnn', 2, { oodAuroc: 0.6, nll: 0.47, params: 8882, seconds: 42 }, 8),
      clinicalRun('sbnn', 1, { oodAuroc: 0.52, nll: 0.5, params: 3000, seconds: 20 }, 2, false),
      clinicalRun('bbb', 1, { oodAuroc: 0.54, nll: 0.44, params: 40_000, seconds: 60 }),
      clinicalRun('bbb', 2, { oodAuroc: 0.56, nll: 0.44, params: 40_000, seconds: 62 }),
      clinicalRun('ensemble', 1, { oodAuroc: 0.65, nll: 0.42, params: 100_000, seconds: 80 }),
      {
        ...failed,
        report: { ...failed.report, status: 'failed', metrics: {} },
        error: 'out of memory',
        counts: null
      }
    ]
  };
}

describe('the paper report', () => {
  it('aggregates each method over its finished runs, and the sweep by rank', () => {
    const rows = methodRows(results().runs, 'clinical');
    // rank-1's only run failed: no row. sbnn: OOD AUROC (0.5 + 0.6) / 2, sd sqrt(0.005).
    expect(rows.map((r) => r.method)).toEqual(['sbnn', 'bbb', 'ensemble']);
    expect(rows[0]?.cells.oodAuroc?.mean).toBeCloseTo(0.55, 12);
    expect(rows[0]?.cells.oodAuroc?.sd).toBeCloseTo(Math.sqrt(0.005), 12);
    // The sweep point at rank 8 is the methods table's sbnn runs; rank 2 its own run.
    const sweep = sweepRows(results().runs);
    expect(sweep.map((r) => [r.rank, r.cells.params?.mean, r.cells.oodAuroc?.n])).toEqual([
      [2, 3000, 1],
      [8, 8882, 2]
    ]);
  });

  it('writes the tables, the generated verdict, the failures, the comparison with the paper and the time', () => {
    const md = paperMarkdown(results());
    expect(md).toContain('## Breast cancer, Rotterdam');
    expect(md).toContain('Records: 2065 train, 442 validation, 443 test, 555 OOD.');
    expect(md).toContain('Low-rank network: MLP r=8.');
    expect(md).toContain('Every cell is the mean ± standard deviation over 2 seeds (1..2)');
    expect(md).toMatch(/\| low-rank \(SBNN\) +\|.*\| 0\.550 ± 0\.071 \|/);
    // The ensemble's OOD AUROC 0.65 beats 0.55; BBB's and the ensemble's NLL (0.44, 0.42) beat 0.46.
    expect(md).toContain('deep ensemble (5) has a higher OOD AUROC (0.650 vs 0.550)');
    expect(md).toContain('deep ensemble (5) has a lower test NLL (0.420 vs 0.460)');
    expect(md).toContain('- rank-1, seed 1: failed (out of memory)');
    expect(md).toContain('## Rank sweep of the low-rank MLP (clinical)');
    // Paper / ours for the clinical OOD AUROC and parameter counts.
    expect(md).toMatch(
      /\| clinical vs MIMIC-III \(MLP\) +\| AUROC-OOD +\| +0\.802 \/ 0\.550 ± 0\.071 \| +0\.770 \/ 0\.550 ± 0\.014 \| +0\.738 \/ 0\.650 \|/
    );
    expect(md).toMatch(/\| params +\| +13,600 \/ 8,882 \| +44,800 \/ 40,000 \| +112,000 \/ 100,000 \|/);
    // Datasets that were not trained show "-" beside the paper's number.
    expect(md).toMatch(/\| spam vs SST-2 \(Transformer\) +\| accuracy +\| +0\.806 \/ - \|/);
    expect(md).toContain('The order by OOD AUROC, best first:');
    expect(md).toContain('- spam (OOD AUROC): paper deep ensemble (5) 0.657 > low-rank (SBNN) 0.640');
    expect(md).toContain('Total wall time: 12 min 34 s for 7 runs.');
  });
});
