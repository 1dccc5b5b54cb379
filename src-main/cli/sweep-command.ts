import type { EventPayload, RunProgress } from '@shared/contract/channels';
import { AppError } from '@shared/contract/errors';
import { LOW_RANK_METHODS } from '@shared/domain/config';
import { importRunConfig, invokeChannel, openCliCore, requireRun } from './cli-context';
import { parseCommandArgs } from './command-args';
import { parsePositiveIntegers, seeHelp } from './flag-values';
import { CombinedProgress } from './progress-bar';
import { RUN_CONFIG_OPTIONS, ignoredFlagNotes, runFile, runFlags } from './run-config-flags';
import { runReport } from './run-report';
import { sweepTable } from './sweep-table';
import type { SweepRun } from './sweep-table';

export const SWEEP_USAGE = `sbnn sweep <file> --target COL --ranks 2,4,8,16,32 [train options] [--json]
  One sbnn or lr-svd run per rank (the rank of every weight matrix), trained in parallel; prints
  r | params | PAC-Bayes bound | KL | OOD AUROC | NLL | test metric. --json prints {ranks, runs}.`;

/** Most ranks in one sweep (the contract's limit). */
const MAX_RANKS = 16;

export async function sweepCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, SWEEP_USAGE, RUN_CONFIG_OPTIONS);
  if (!args) return 0;
  const { values, positionals } = args;
  const file = runFile('sweep', positionals);
  if (values.rank !== undefined)
    throw new Error('sweep takes the ranks to train as --ranks a,b,c (one run each), not --rank.');
  if (values.ranks === undefined)
    throw new Error(`sweep needs --ranks a,b,c, one run per rank, e.g. 2,4,8,16,32 (${seeHelp('sweep')}).`);
  // A sweep trains each distinct rank once, smallest first, and returns its run ids in that order.
  const ranks = [...new Set(parsePositiveIntegers('ranks', values.ranks, MAX_RANKS))].sort((a, b) => a - b);
  // Here --ranks lists the runs, not one rank per weight matrix: the run configuration has none.
  const configValues = { ...values, ranks: undefined };
  const flags = runFlags('sweep', configValues);
  if (!LOW_RANK_METHODS.includes(flags.method))
    throw new Error(
      `sweep trains one run per rank, so --method must be sbnn or lr-svd (got ${flags.method}).`
    );
  for (const note of ignoredFlagNotes(configValues, flags.method)) process.stderr.write(`${note}\n`);

  const core = openCliCore(values.db);
  try {
    const config = importRunConfig(core, file, flags);
    const progress = new CombinedProgress(ranks.length);
    const showProgress = !values.json || Boolean(process.stderr.isTTY);
    const unsubscribe = core.events.subscribe((event, payload) => {
      if (!showProgress) return;
      if (event === 'run:progress') progress.progress(payload as RunProgress);
      if (event === 'run:status') {
        const { runId, status } = payload as EventPayload<'run:status'>;
        progress.status(runId, status);
      }
    });
    const { runIds } = await invokeChannel(core, 'runs:sweep', { config, ranks });
    await Promise.all(runIds.map((runId) => core.runs.wait(runId)));
    unsubscribe();
    progress.finish();

    const stored = ranks.flatMap((rank, i) => {
      const runId = runIds[i];
      return runId === undefined ? [] : [{ rank, run: requireRun(core, runId) }];
    });
    const runs: SweepRun[] = stored.map(({ rank, run }) => ({ rank, report: runReport(run) }));
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ranks, runs: runs.map((r) => r.report) })}\n`);
    } else {
      process.stdout.write(`${sweepTable(runs).join('\n')}\n`);
      process.stdout.write(`Compare them with: npm run sbnn -- compare ${runIds.join(' ')}\n`);
    }
    const failed = stored.filter(({ run }) => run.status !== 'finished');
    if (failed.length > 0) {
      const what = failed
        .map(
          ({ run, rank }) => `run ${run.id} (r ${rank}) ${run.status}: ${run.error ?? 'no reason recorded'}`
        )
        .join('; ');
      throw new AppError(
        'COMPUTE_FAILED',
        `${failed.length} of ${stored.length} sweep runs did not finish: ${what}. The other runs are kept.`
      );
    }
    return 0;
  } finally {
    await core.close();
  }
}
