/**
 * Measures how much a training run delays the MAIN process's event loop (which must keep serving
 * the window / web requests while a model trains). The run goes through the same AppCore as the
 * app: the compute process trains, the main side stores every epoch and forwards progress events,
 * so the lag should stay near the idle baseline.
 *
 *   npx tsx scripts/event-loop-lag.ts [--json] [--entry out/main/compute.js] [--epochs N]
 *
 * --entry runs a built compute entry with plain node instead of the TypeScript one under tsx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { TrainConfigSchema } from '../src-shared/domain/config';
import { createAppCore } from '../src-main/core/app-core';
import { createForkLauncher } from '../src-main/compute/fork-launcher';

/** Timer interval of the delay monitor; recorded delays include it, so it is subtracted. */
const RESOLUTION_MS = 10;
const BASELINE_MS = 1000;

interface LagStats {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

async function measureLag<T>(during: () => Promise<T>): Promise<{ value: T; lag: LagStats }> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const value = await during();
  histogram.disable();
  const lagOf = (ns: number): number => round(Math.max(0, ns / 1e6 - RESOLUTION_MS));
  return {
    value,
    lag: {
      p50Ms: lagOf(histogram.percentile(50)),
      p99Ms: lagOf(histogram.percentile(99)),
      maxMs: lagOf(histogram.max),
      samples: histogram.count
    }
  };
}

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const builtEntry = argValue('--entry');
  const launcher = builtEntry
    ? createForkLauncher({ entryPath: resolve(builtEntry) })
    : createForkLauncher({
        entryPath: resolve(__dirname, '../src-main/compute/entry.ts'),
        execArgv: ['--import', 'tsx']
      });
  const dir = mkdtempSync(join(tmpdir(), 'sbnn-lag-'));
  const core = createAppCore({
    dbPath: join(dir, 'lag.sqlite'),
    resourcesDir: resolve(__dirname, '../resources'),
    launcher,
    mode: 'cli'
  });
  try {
    const backend = await core.compute.backend();
    const dataset = core.datasets.importSample('rotterdam');
    const config = TrainConfigSchema.parse({
      datasetId: dataset.id,
      target: 'event_3y',
      ignore: ['pid'],
      epochs: Number(argValue('--epochs') ?? 30),
      seed: 1
    });
    const idle = await measureLag(() => new Promise((r) => setTimeout(r, BASELINE_MS)));
    let progressMessages = 0;
    const unsubscribe = core.events.subscribe((event) => {
      if (event === 'run:progress') progressMessages++;
    });
    const started = performance.now();
    const busy = await measureLag(async () => {
      const runId = core.runs.start(config);
      await core.runs.wait(runId);
      const run = core.storage.runs.get(runId);
      if (run?.status !== 'finished') throw new Error(`The training run ${run?.status}: ${run?.error ?? ''}`);
    });
    unsubscribe();
    const report = {
      job: 'training run (Rotterdam sample, MLP)',
      backend: backend.label,
      jobSeconds: round((performance.now() - started) / 1000),
      progressMessages,
      idleLag: idle.lag,
      lagDuringJob: busy.lag
    };
    if (json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      const line = (s: LagStats): string =>
        `p50 ${s.p50Ms.toFixed(2)} ms, p99 ${s.p99Ms.toFixed(2)} ms, max ${s.maxMs.toFixed(2)} ms (${s.samples} samples)`;
      console.log(
        `Main-process event-loop lag while the compute process runs '${report.job}' on ${report.backend}`
      );
      console.log(`  idle baseline (${BASELINE_MS} ms): ${line(report.idleLag)}`);
      console.log(
        `  during the job (${report.jobSeconds} s, ${progressMessages} progress messages): ${line(report.lagDuringJob)}`
      );
    }
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
