import { AppError } from '@shared/contract/errors';
import { weightCorrelation } from '@shared/theory/weight-correlation';
import { lowRankFactorsOf, lowRankLayersOf } from '../analysis/posterior-factors';
import { runCurves } from '../analysis/run-curves';
import type { SavedModelFile } from '../compute/jobs/train-run-types';
import type { Handlers } from '../core/dispatch';
import type { RunService } from '../services/run-service';
import type { Storage } from '../storage/storage';
import { runReportHtml } from '../report/run-report-html';
import { APP_VERSION } from '../core/app-version';
import {
  allRecords,
  requireFinishedRun,
  requireFinishedRunWithEpochs,
  runFileName
} from '../services/run-lookup';

/** Saves a report page as PDF where the user chooses (desktop); the path, or null when cancelled. */
export type SavePdf = (html: string, fileName: string) => Promise<string | null>;

/** The Compare view's, the rank sweep's, the rank advisor's, the Theory panel's and the report's requests. */
export function analysisHandlers(
  storage: Storage,
  runs: RunService,
  savePdf: SavePdf | undefined
): Pick<
  Handlers,
  'runs:compare' | 'runs:sweep' | 'runs:advise-rank' | 'runs:correlation' | 'runs:report' | 'runs:report-pdf'
> {
  const curvesOf = (run: ReturnType<typeof requireFinishedRun>) =>
    runCurves(
      run.id,
      run.task ?? 'binary',
      allRecords(storage, run.id, ['test', 'ood']),
      run.config.intervalLevel
    );
  const report = (runId: number): { fileName: string; html: string } => {
    const run = requireFinishedRunWithEpochs(storage, runId, 'a report');
    const summary = (id: number | null | undefined) => {
      const stored = id === null || id === undefined ? null : storage.datasets.get(id);
      return stored ? { ...stored } : null;
    };
    const html = runReportHtml({
      run,
      dataset: summary(run.datasetId),
      oodDataset: summary(run.config.oodDatasetId),
      records: allRecords(storage, run.id, ['test', 'ood']),
      curves: curvesOf(run),
      appVersion: APP_VERSION,
      generatedAt: new Date().toISOString()
    });
    return { fileName: runFileName(run, '-report.html'), html };
  };
  return {
    'runs:compare': ({ runIds }) => {
      const details = [...new Set(runIds)].map((id) =>
        requireFinishedRunWithEpochs(storage, id, 'a comparison')
      );
      const datasets = new Set(details.map((r) => r.datasetId));
      if (datasets.size > 1) {
        throw new AppError(
          'BAD_REQUEST',
          `Runs on different datasets cannot be compared: ${details.map((r) => `${r.id} (${r.datasetName})`).join(', ')}.`
        );
      }
      return { runs: details, curves: details.map(curvesOf) };
    },
    'runs:sweep': ({ config, ranks }) => ({ runIds: runs.sweep(config, ranks) }),
    'runs:advise-rank': ({ config, energy }) => runs.adviseRank(config, energy),
    'runs:correlation': ({ runId, layer, rowOffset, colOffset, rows, cols }) => {
      const run = requireFinishedRun(storage, runId, 'the weight correlation');
      const stored = storage.models.load(runId);
      if (!stored) throw new AppError('NOT_FOUND', `Run ${runId} has no saved model.`);
      const saved = (JSON.parse(stored.modelJson) as SavedModelFile).posterior;
      const factors = lowRankFactorsOf(saved, layer);
      if (!factors) {
        const layers = lowRankLayersOf(saved);
        throw new AppError(
          'BAD_REQUEST',
          layers.length > 0
            ? `Layer "${layer}" of run ${runId} is not a low-rank layer; choose one of: ${layers.join(', ')}.`
            : `Run ${runId} (${run.method}) has no low-rank layers; the analytic correlation is for sbnn and lr-svd runs.`
        );
      }
      const m = factors.a.rows;
      const n = factors.b.rows;
      if (rowOffset + rows > m || colOffset + cols > n) {
        throw new AppError(
          'BAD_REQUEST',
          `The slice rows ${rowOffset}..${rowOffset + rows - 1}, columns ${colOffset}..${colOffset + cols - 1} is outside layer "${layer}" (${m} x ${n}).`
        );
      }
      return weightCorrelation(layer, factors.a, factors.b, rowOffset, colOffset, rows, cols);
    },
    'runs:report': ({ runId }) => report(runId),
    'runs:report-pdf': async ({ runId }) => {
      if (!savePdf) {
        throw new AppError(
          'CONFLICT',
          'PDF export is part of the desktop app. Here, open the report and print it to PDF with your browser (Ctrl+P).'
        );
      }
      const { html, fileName } = report(runId);
      return { path: await savePdf(html, fileName) };
    }
  };
}
