import { AppError } from '@shared/contract/errors';
import type { RunProgress } from '@shared/contract/channels';
import type { AppCore } from '../core/app-core';
import { ProgressBar, formatSeconds } from './progress-bar';
import { runReport } from './run-report';
import { runReportLines } from './run-summary';

/**
 * Starts a run (`start` returns its id) and follows it to its end with a progress bar on stderr,
 * then prints its summary (or its JSON report); a run that does not finish is an error naming why.
 */
export async function followRun(core: AppCore, json: boolean, start: () => number): Promise<number> {
  const bar = new ProgressBar();
  const showProgress = !json || Boolean(process.stderr.isTTY);
  const unsubscribe = core.events.subscribe((event, payload) => {
    if (showProgress && event === 'run:progress') bar.update(payload as RunProgress);
  });
  try {
    const runId = start();
    await core.runs.wait(runId);
    bar.finish();
    return finishedRun(core, runId, json);
  } finally {
    unsubscribe();
  }
}

function finishedRun(core: AppCore, runId: number, json: boolean): number {
  const run = core.storage.runs.get(runId);
  if (!run) throw new Error(`Run ${runId} disappeared from the database.`);
  if (run.status !== 'finished') {
    const hint = run.status === 'interrupted' ? ` Resume it with: npm run sbnn -- resume ${runId}` : '';
    throw new AppError(
      'COMPUTE_FAILED',
      `Run ${runId} ${run.status}: ${run.error ?? 'no reason recorded'}${hint}`
    );
  }
  const report = runReport(run);
  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  }
  const lines = [
    `Run ${runId} finished in ${formatSeconds(report.trainSeconds)} on ${report.backend}.`,
    ...runReportLines(report),
    `Review the records with: npm run sbnn -- review ${runId}  (or in the app)`
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
