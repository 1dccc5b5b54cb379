import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { resolveComputeEntry, resolveDbPath, resolveResourcesDir } from '../core/app-paths';
import { createAppCore } from '../core/app-core';
import type { AppCore } from '../core/app-core';
import { describeIssues, dispatch } from '../core/dispatch';
import { AppError } from '@shared/contract/errors';
import type { Channel, ChannelInput, ChannelOutput } from '@shared/contract/channels';
import { TrainConfigSchema } from '@shared/domain/config';
import type { TrainConfig } from '@shared/domain/config';
import { createForkLauncher } from '../compute/fork-launcher';
import type { RunFlags } from './run-config-flags';

/** An AppCore for one CLI command: the same storage and compute process the app uses. */
export function openCliCore(db: string | undefined): AppCore {
  return createAppCore({
    dbPath: resolveDbPath(db),
    resourcesDir: resolveResourcesDir(__dirname),
    launcher: createForkLauncher(resolveComputeEntry(__dirname)),
    mode: 'cli'
  });
}

/**
 * Calls one channel of the contract exactly as the app and the web server do (the input checked
 * against the channel's schema first); a failed envelope is rethrown as the AppError it carried.
 */
export async function invokeChannel<C extends Channel>(
  core: AppCore,
  channel: C,
  input: ChannelInput<C>
): Promise<ChannelOutput<C>> {
  const envelope = await dispatch(core.handlers, channel, input);
  if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message, envelope.error.where);
  // dispatch ran the handler of this very channel, whose result type is the channel's output.
  return envelope.result as ChannelOutput<C>;
}

/** A stored run, or NOT_FOUND with the command that lists the runs. */
export function requireRun(core: AppCore, runId: number): RunDetailWithoutEpochs {
  const run = core.storage.runs.get(runId);
  if (!run)
    throw new AppError('NOT_FOUND', `Run ${runId} does not exist. List the runs with: npm run sbnn -- runs`);
  return run;
}

type RunDetailWithoutEpochs = NonNullable<ReturnType<AppCore['storage']['runs']['get']>>;

/** Reads a file the user named, with a message that says which file could not be read. */
export function readUserFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : String(code);
    throw new AppError('BAD_DATA', `Cannot read ${path}: ${reason}.`, { file: path });
  }
}

/** Writes a file the user named, with a message that says which file could not be written and why. */
export function writeUserFile(path: string, content: string): void {
  try {
    writeFileSync(path, content);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'its folder does not exist'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : String(code);
    throw new AppError('BAD_REQUEST', `Cannot write ${path}: ${reason}.`, { file: path });
  }
}

/**
 * Imports the file to learn from (and the --ood-file) as datasets, as the app does, and completes
 * the configuration given on the command line; invalid options end in one line naming them.
 */
export function importRunConfig(core: AppCore, file: string, flags: RunFlags): TrainConfig {
  const data = core.datasets.importBytes(readUserFile(file), basename(file), basename(file), null);
  const ood = flags.oodFile
    ? core.datasets.importBytes(
        readUserFile(flags.oodFile),
        basename(flags.oodFile),
        basename(flags.oodFile),
        null
      )
    : undefined;
  const parsed = TrainConfigSchema.safeParse({ ...flags.config, datasetId: data.id, oodDatasetId: ood?.id });
  if (!parsed.success) throw new Error(describeIssues('Invalid options', parsed.error));
  return parsed.data;
}
