import { invokeChannel, openCliCore } from './cli-context';
import { parseCommandArgs } from './command-args';
import { compareTable } from './compare-table';
import { parseRunId, seeHelp } from './flag-values';
import { runReport } from './run-report';

export const COMPARE_USAGE = `sbnn compare <runId> <runId>... [--json] [--db PATH]
  Finished runs of one dataset side by side: size, cost, test and OOD metrics, conformal coverage,
  PAC-Bayes bound. --json prints {runs: [report...], curves: [...]}.`;

/** Most runs compared at once (the contract's limit). */
const MAX_RUNS = 12;

export async function compareCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, COMPARE_USAGE, {});
  if (!args) return 0;
  const { values, positionals } = args;
  if (positionals.length === 0 || positionals.length > MAX_RUNS)
    throw new Error(
      `compare takes 1 to ${MAX_RUNS} run ids, got ${positionals.length} (${seeHelp('compare')}).`
    );
  const runIds = [...new Set(positionals.map((text) => parseRunId(text)))];
  const core = openCliCore(values.db);
  try {
    const { runs, curves } = await invokeChannel(core, 'runs:compare', { runIds });
    const reports = runs.map(runReport);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ runs: reports, curves })}\n`);
      return 0;
    }
    process.stdout.write(`${compareTable(reports).join('\n')}\n`);
    return 0;
  } finally {
    await core.close();
  }
}
