import { utilityProcess } from 'electron';
import type { ComputeChild, ComputeLauncher } from '../compute/launcher';

/** Runs the compute process as an Electron utilityProcess (the desktop app's counterpart of fork). */
export function createUtilityLauncher(entryPath: string): ComputeLauncher {
  return {
    launch(): ComputeChild {
      // Everything the compute process prints goes to stderr, as with the fork launcher.
      const child = utilityProcess.fork(entryPath, [], { serviceName: 'SBNN compute', stdio: 'pipe' });
      child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
      child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
      // A fatal V8 error (e.g. out of memory) arrives as 'error' before 'exit'. Unheard, the
      // emitter would throw it into the main process and take the whole app down.
      child.on('error', (type, location) => {
        process.stderr.write(`Compute process fatal error (${type}) at ${location}\n`);
      });
      return {
        get pid() {
          return child.pid;
        },
        send: (message) => {
          // A message to a process that has already exited is dropped; the host sees the exit.
          if (child.pid !== undefined) child.postMessage(message);
        },
        onMessage: (listener) => {
          child.on('message', (message: unknown) => listener(message));
        },
        onExit: (listener) => {
          child.on('exit', (code) => listener(code, null));
        },
        kill: () => {
          child.kill();
        }
      };
    }
  };
}
