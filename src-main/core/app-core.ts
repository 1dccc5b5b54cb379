import { ComputePool } from '../compute/compute-pool';
import { analysisHandlers } from '../handlers/analysis-handlers';
import type { SavePdf } from '../handlers/analysis-handlers';
import type { ComputeLauncher } from '../compute/launcher';
import { registerInstance } from '../storage/instance-registry';
import { openStorage } from '../storage/storage';
import type { Storage } from '../storage/storage';
import { appHandlers } from '../handlers/app-handlers';
import { datasetHandlers } from '../handlers/dataset-handlers';
import { reviewHandlers } from '../handlers/review-handlers';
import { runHandlers } from '../handlers/run-handlers';
import { DatasetService } from '../services/dataset-service';
import { RunService } from '../services/run-service';
import { APP_VERSION } from './app-version';
import type { Handlers } from './dispatch';
import { EventBus } from './event-bus';

export interface AppCoreOptions {
  dbPath: string;
  resourcesDir: string;
  launcher: ComputeLauncher;
  mode: 'desktop' | 'web' | 'cli';
  /** Desktop: prints a report page to a PDF file the user chooses. */
  savePdf?: SavePdf;
}

/**
 * The main side of the app, independent of how it is reached: storage (the only writer), the
 * compute host, the services and the contract's handlers. The Electron shell, the web server and
 * the CLI each create one and attach their own transport.
 */
export interface AppCore {
  version: string;
  dbPath: string;
  storage: Storage;
  compute: ComputePool;
  events: EventBus;
  datasets: DatasetService;
  runs: RunService;
  handlers: Handlers;
  close(): Promise<void>;
}

export function createAppCore(options: AppCoreOptions): AppCore {
  const storage = openStorage(options.dbPath);
  const instance = registerInstance(options.dbPath);
  // A run still 'running' in the database was cut short by a crash or a kill, unless another live
  // instance (the desktop app, a web server, a CLI command) on this database may be training it.
  if (instance.alone) storage.runs.markInterrupted();
  const events = new EventBus();
  const compute = new ComputePool({ launcher: options.launcher });
  compute.onBackend((backend) => events.emit('compute:backend', backend));
  const datasets = new DatasetService(storage, options.resourcesDir);
  const runs = new RunService(storage, datasets, compute, events, APP_VERSION);
  const handlers: Handlers = {
    ...appHandlers({ compute, version: APP_VERSION, dbPath: options.dbPath, mode: options.mode }),
    ...datasetHandlers(datasets, compute, events),
    ...runHandlers(storage, runs),
    ...analysisHandlers(storage, runs, options.savePdf),
    ...reviewHandlers(storage)
  };
  let closed = false;
  return {
    version: APP_VERSION,
    dbPath: options.dbPath,
    storage,
    compute,
    events,
    datasets,
    runs,
    handlers,
    close: async () => {
      if (closed) return;
      closed = true;
      await runs.cancelAll();
      await compute.dispose();
      storage.close();
      instance.release();
    }
  };
}
