// First: everything the libraries print must reach stderr, never stdout.
import './stdout-guard';
import { toErrorInfo } from '@shared/contract/errors';
import type { BackendInfo } from '@shared/domain/records';
import { selectBackend } from './backend';
import { JobRunner } from './job-runner';
import { jobDefinitions } from './jobs';
import { connectToParent } from './parent-channel';

/**
 * Main of the compute process, the one process that owns tfjs. It selects the backend, announces
 * { type: 'ready', backend, pid }, then runs jobs one at a time in arrival order (JobRunner).
 * Messages that arrive while the backend starts are held and handed to the runner once it is ready.
 */
async function main(): Promise<void> {
  const channel = connectToParent();
  const pending: unknown[] = [];
  let runner: JobRunner | null = null;

  const shutdown = (): void => {
    // Let the queued answers go out before the process ends.
    setImmediate(() => process.exit(0));
  };
  channel.onDisconnect(() => process.exit(0));
  channel.onMessage((msg) => {
    if (runner === null) pending.push(msg);
    else if (runner.handle(msg) === 'shutdown') shutdown();
  });

  let backend: BackendInfo;
  try {
    backend = await selectBackend();
  } catch (err) {
    const error = toErrorInfo(err);
    process.stderr.write(`The compute process could not start: ${error.message}\n`);
    channel.send({
      type: 'fatal',
      error: error.code === 'INTERNAL' ? { ...error, code: 'COMPUTE_FAILED' } : error
    });
    setImmediate(() => process.exit(1));
    return;
  }
  process.stderr.write(
    `Compute process ${process.pid} (${channel.kind}): tfjs backend ${backend.name} (${backend.label}).\n`
  );
  channel.send({ type: 'ready', backend, pid: process.pid });

  const ready = new JobRunner(channel.send, jobDefinitions);
  runner = ready;
  for (const msg of pending.splice(0)) {
    if (ready.handle(msg) === 'shutdown') return shutdown();
  }
}

void main();
