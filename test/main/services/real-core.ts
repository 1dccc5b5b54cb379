import { resolve } from 'node:path';
import { TrainConfigSchema } from '@shared/domain/config';
import type { TrainConfigInput } from '@shared/domain/config';
import { createAppCore } from '../../../src-main/core/app-core';
import type { AppCore } from '../../../src-main/core/app-core';
import { createForkLauncher } from '../../../src-main/compute/fork-launcher';
import { REPO_ROOT } from '../../support/paths';

/** A real AppCore on a temporary database, with the TypeScript compute entry under tsx. */
export function openCore(dbPath: string): AppCore {
  return createAppCore({
    dbPath,
    resourcesDir: resolve(REPO_ROOT, 'resources'),
    launcher: createForkLauncher({
      entryPath: resolve(REPO_ROOT, 'src-main/compute/entry.ts'),
      execArgv: ['--import', 'tsx']
    }),
    mode: 'cli'
  });
}

export function smallConfig(
  datasetId: number,
  oodDatasetId: number | undefined,
  epochs: number,
  extra: Partial<TrainConfigInput> = {}
) {
  return TrainConfigSchema.parse({
    datasetId,
    oodDatasetId,
    target: 'event_3y',
    ignore: ['pid'],
    hidden: [16],
    rank: 4,
    epochs,
    patience: epochs,
    samples: 10,
    batchSize: 128,
    seed: 3,
    ...extra
  });
}
