import { monitorEventLoopDelay } from 'node:perf_hooks';
import { TrainConfigSchema } from '@shared/domain/config';
import type { AppCore } from '../core/app-core';

/** Timer interval of the delay monitor; every recorded delay includes it, so it is subtracted. */
const RESOLUTION_MS = 10;

/** How late the main process's event loop ran, ms beyond the monitor's own interval. */
export interface EventLoopLag {
  p50: number;
  p99: number;
  max: number;
  /** Delays recorded. */
  samples: number;
}

/** Samples the event-loop delay of THIS process while `during` runs. */
export async function measureEventLoopLag<T>(
  during: () => Promise<T>
): Promise<{ value: T; lag: EventLoopLag }> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let value: T;
  try {
    value = await during();
  } finally {
    histogram.disable();
  }
  const lagOf = (ns: number): number => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  return {
    value,
    lag: {
      p50: lagOf(histogram.percentile(50)),
      p99: lagOf(histogram.percentile(99)),
      max: lagOf(histogram.max),
      samples: histogram.count
    }
  };
}

/** The main-process lag while a real training run goes on, and what was trained. */
export interface TrainingLag {
  job: string;
  /** The compute process's backend label. */
  backend: string;
  jobSeconds: number;
  progressMessages: number;
  lag: EventLoopLag;
}

/**
 * The main process's event-loop lag while the compute process trains the Rotterdam sample's MLP
 * through the app's own AppCore and RunService: the main side stores every epoch and forwards every
 * progress event, as it does for the window, so this is the delay the window would see.
 */
export async function trainingEventLoopLag(core: AppCore, epochs: number): Promise<TrainingLag> {
  const backend = await core.compute.backend();
  const dataset = core.datasets.importSample('rotterdam');
  const config = TrainConfigSchema.parse({
    datasetId: dataset.id,
    target: 'event_3y',
    ignore: ['pid'],
    epochs,
    patience: epochs,
    seed: 1
  });
  let progressMessages = 0;
  const unsubscribe = core.events.subscribe((event) => {
    if (event === 'run:progress') progressMessages++;
  });
  const started = performance.now();
  try {
    const { lag } = await measureEventLoopLag(async () => {
      const runId = core.runs.start(config);
      await core.runs.wait(runId);
      const run = core.storage.runs.get(runId);
      if (run?.status !== 'finished')
        throw new Error(`The timed training run ${run?.status ?? 'vanished'}: ${run?.error ?? ''}`);
    });
    return {
      job: `training run (Rotterdam sample, MLP, ${epochs} epochs)`,
      backend: backend.label,
      jobSeconds: (performance.now() - started) / 1000,
      progressMessages,
      lag
    };
  } finally {
    unsubscribe();
  }
}
