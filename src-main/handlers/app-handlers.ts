import type { Handlers } from '../core/dispatch';
import type { ComputePool } from '../compute/compute-pool';

export interface AppHandlerDeps {
  compute: ComputePool;
  version: string;
  dbPath: string;
  mode: 'desktop' | 'web' | 'cli';
}

export function appHandlers(deps: AppHandlerDeps): Pick<Handlers, 'app:health' | 'app:info'> {
  return {
    'app:health': () => ({ ok: true, backend: deps.compute.currentBackend(), version: deps.version }),
    'app:info': async () => ({
      version: deps.version,
      dbPath: deps.dbPath,
      backend: await deps.compute.backend().catch(() => deps.compute.currentBackend()),
      mode: deps.mode
    })
  };
}
