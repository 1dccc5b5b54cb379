import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { trainPaperBench } from '../bench/paper-bench';
import { paperSettings } from '../bench/paper-datasets';
import { paperMarkdown } from '../bench/paper-report';
import { runSpeedBench } from '../bench/speed-bench';
import { openCliCore } from './cli-context';
import { parseCommandArgs } from './command-args';
import { parsePositiveIntegers, seeHelp } from './flag-values';

export const BENCH_USAGE = `sbnn bench paper [--quick] [--seeds N] [--out DIR] [--db PATH] [--json]
  Trains the low-rank model and every baseline on the clinical (MLP), weather (LSTM) and spam
  (Transformer) samples with their OOD splits, plus the clinical rank sweep, and writes the paper's
  tables to DIR/paper.md and DIR/paper.json (DIR: bench/results). --quick: 1 seed, fewer epochs,
  1,200 of the e-mails (under 20 minutes on 2 cores); default 3 seeds with the app's defaults.
  Prints the markdown, or the JSON with --json. A temporary database unless --db is given.
sbnn bench speed [--quick] [--json]
  Times training and prediction per method (docs/benchmarks.md, Speed).`;

/** Most seeds a paper benchmark takes (each one trains every run again). */
const MAX_SEEDS = 10;

export async function benchCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, BENCH_USAGE, {
    quick: { type: 'boolean', default: false },
    seeds: { type: 'string' },
    out: { type: 'string' }
  });
  if (!args) return 0;
  const { values, positionals } = args;
  const [which, ...extra] = positionals;
  if ((which !== 'paper' && which !== 'speed') || extra.length > 0)
    throw new Error(`bench takes one of: paper, speed (${seeHelp('bench')}).`);
  if (which === 'speed') {
    for (const flag of ['seeds', 'out', 'db'] as const) {
      if (values[flag] !== undefined) throw new Error(`--${flag} applies to bench paper, not bench speed.`);
    }
    await runSpeedBench({ quick: values.quick, json: values.json });
    return 0;
  }
  return benchPaper({
    quick: values.quick,
    json: values.json,
    seeds: values.seeds === undefined ? undefined : parseSeeds(values.seeds),
    out: resolve(values.out ?? join('bench', 'results')),
    db: values.db
  });
}

function parseSeeds(text: string): number {
  const [seeds, ...more] = parsePositiveIntegers('seeds', text, 1);
  if (seeds === undefined || more.length > 0 || seeds > MAX_SEEDS)
    throw new Error(`--seeds takes one whole number from 1 to ${MAX_SEEDS}, got "${text}".`);
  return seeds;
}

async function benchPaper(options: {
  quick: boolean;
  json: boolean;
  seeds: number | undefined;
  out: string;
  db: string | undefined;
}): Promise<number> {
  const scratch = options.db === undefined ? mkdtempSync(join(tmpdir(), 'sbnn-bench-paper-')) : null;
  const core = openCliCore(scratch ? join(scratch, 'bench.sqlite') : options.db);
  try {
    const results = await trainPaperBench(core, paperSettings(options.quick, options.seeds));
    const markdown = paperMarkdown(results);
    const json = JSON.stringify(results, null, 2);
    mkdirSync(options.out, { recursive: true });
    writeFileSync(join(options.out, 'paper.md'), markdown);
    writeFileSync(join(options.out, 'paper.json'), `${json}\n`);
    process.stdout.write(options.json ? `${JSON.stringify(results)}\n` : markdown);
    process.stderr.write(`Wrote ${join(options.out, 'paper.md')} and paper.json.\n`);
    const failed = results.runs.filter((r) => r.error !== null).length;
    if (failed > 0)
      process.stderr.write(`${failed} of ${results.runs.length} runs did not finish (see paper.md).\n`);
    return failed > 0 ? 1 : 0;
  } finally {
    await core.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
