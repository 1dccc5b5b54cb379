import { parseArgs } from 'node:util';
import { openCliCore, parseNumber, requireRun } from './cli-context';
import { runReport } from './run-report';
import { formatMetric } from './train-command';

export async function runsCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { db: { type: 'string' }, json: { type: 'boolean', default: false } }
  });
  const core = openCliCore(values.db);
  try {
    const runs = core.storage.runs.list();
    if (values.json) {
      process.stdout.write(`${JSON.stringify(runs)}\n`);
      return 0;
    }
    if (runs.length === 0) {
      process.stdout.write('No runs yet. Train one with: npm run sbnn -- train <file> --target COL\n');
      return 0;
    }
    process.stdout.write(
      `${'id'.padStart(5)}  ${'status'.padEnd(11)} ${'task'.padEnd(10)} ${'params'.padStart(8)}  name\n`
    );
    for (const run of runs) {
      process.stdout.write(
        `${String(run.id).padStart(5)}  ${run.status.padEnd(11)} ${(run.task ?? '-').padEnd(10)} ${String(run.params ?? '-').padStart(8)}  ${run.name}\n`
      );
    }
    return 0;
  } finally {
    await core.close();
  }
}

export async function showCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { db: { type: 'string' }, json: { type: 'boolean', default: false } }
  });
  const runId = parseNumber('runId', positionals[0]);
  if (runId === undefined || positionals.length !== 1)
    throw new Error('Usage: sbnn show <runId> [--json] [--db PATH]');
  const core = openCliCore(values.db);
  try {
    const run = requireRun(core, runId);
    const epochs = core.storage.epochs.list(runId);
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ ...runReport(run), config: run.config, epochs, error: run.error })}\n`
      );
      return 0;
    }
    const report = runReport(run);
    process.stdout.write(
      `Run ${run.id}: ${run.name}\n  status ${run.status}${run.error ? ` (${run.error})` : ''}\n`
    );
    process.stdout.write(
      `  ${run.arch} / ${run.method}, ${report.params} parameters, backend ${run.backend ?? '-'}\n`
    );
    process.stdout.write(
      `  created ${run.createdAt}, ${epochs.length} epochs recorded, best epoch ${run.bestEpoch ?? '-'}\n`
    );
    for (const [key, value] of Object.entries(report.metrics))
      process.stdout.write(`  test ${key.padEnd(9)} ${formatMetric(value)}\n`);
    for (const [key, value] of Object.entries(report.ood ?? {}))
      process.stdout.write(`  ood  ${key.padEnd(9)} ${formatMetric(value)}\n`);
    for (const note of run.metrics?.notes ?? []) process.stdout.write(`  note: ${note}\n`);
    return 0;
  } finally {
    await core.close();
  }
}
