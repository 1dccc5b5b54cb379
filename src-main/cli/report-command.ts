import { invokeChannel, openCliCore, requireRun, writeUserFile } from './cli-context';
import { onlyRunId, parseCommandArgs } from './command-args';

export const REPORT_USAGE = `sbnn report <runId> [--out report.html] [--json] [--db PATH]
  Writes the run's one-page HTML report (--out defaults to a file named after the run).`;

/** The desktop app prints the report to PDF; here a browser does. */
export const PDF_HINT =
  "To make a PDF, open it in a browser and print it (Ctrl+P, Save as PDF), or use the desktop app's Save as PDF.";

export async function reportCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, REPORT_USAGE, { out: { type: 'string' } });
  if (!args) return 0;
  const { values, positionals } = args;
  const runId = onlyRunId('report', positionals);
  const core = openCliCore(values.db);
  try {
    requireRun(core, runId);
    const { fileName, html } = await invokeChannel(core, 'runs:report', { runId });
    const out = values.out ?? fileName;
    writeUserFile(out, html);
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ runId, out })}\n`
        : `Wrote the report of run ${runId} to ${out}.\n${PDF_HINT}\n`
    );
    return 0;
  } finally {
    await core.close();
  }
}
