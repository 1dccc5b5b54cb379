import { resolveComputeEntry, resolveDbPath, resolveResourcesDir } from '../core/app-paths';
import { createAppCore } from '../core/app-core';
import type { AppCore } from '../core/app-core';
import { AppError } from '@shared/contract/errors';
import { createForkLauncher } from '../compute/fork-launcher';

/** An AppCore for one CLI command: the same storage and compute process the app uses. */
export function openCliCore(db: string | undefined): AppCore {
  return createAppCore({
    dbPath: resolveDbPath(db),
    resourcesDir: resolveResourcesDir(__dirname),
    launcher: createForkLauncher(resolveComputeEntry(__dirname)),
    mode: 'cli'
  });
}

/** A stored run, or NOT_FOUND with the command that lists the runs. */
export function requireRun(core: AppCore, runId: number): RunDetailWithoutEpochs {
  const run = core.storage.runs.get(runId);
  if (!run)
    throw new AppError('NOT_FOUND', `Run ${runId} does not exist. List the runs with: npm run sbnn -- runs`);
  return run;
}

type RunDetailWithoutEpochs = NonNullable<ReturnType<AppCore['storage']['runs']['get']>>;

/** Parses "a,b,c" into numbers, naming the option when a value is not a number. */
export function parseNumberList(option: string, text: string): number[] {
  return text.split(',').map((part) => {
    const value = Number(part.trim());
    if (part.trim() === '' || !Number.isFinite(value)) {
      throw new Error(`--${option} takes comma-separated numbers (e.g. 128,128), got "${text}".`);
    }
    return value;
  });
}

export function parseNumber(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new Error(`--${option} takes a number, got "${text}".`);
  return value;
}

export function parseList(text: string | undefined): string[] {
  return text === undefined
    ? []
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}
