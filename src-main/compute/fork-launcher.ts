import { fork } from 'node:child_process';
import type { ComputeChild, ComputeLauncher } from './launcher';

export interface ForkLauncherOptions {
  /** The compute entry: out/main/compute.js when built, src-main/compute/entry.ts with tsx. */
  entryPath: string;
  /** Node flags for the child, e.g. ['--import', 'tsx'] to run the TypeScript entry. Default: none. */
  execArgv?: string[];
  /** Extra environment variables, on top of this process's (e.g. SBNN_BACKEND). */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Starts the compute process with child_process.fork. The child's stdout and stderr are both
 * forwarded to this process's stderr: the CLI prints JSON on stdout and nothing else may go there.
 * Messages use structured-clone serialization, like Electron's utilityProcess, so typed arrays
 * cross either way.
 */
export function createForkLauncher(options: ForkLauncherOptions): ComputeLauncher {
  return {
    launch(): ComputeChild {
      const child = fork(options.entryPath, [], {
        execArgv: options.execArgv ?? [],
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'advanced'
      });
      const forward = (chunk: Buffer): void => {
        process.stderr.write(chunk);
      };
      child.stdout?.on('data', forward);
      child.stderr?.on('data', forward);

      const exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
      let exited = false;
      const reportExit = (code: number | null, signal: string | null): void => {
        if (exited) return;
        exited = true;
        for (const cb of exitListeners) cb(code, signal);
      };
      child.on('exit', reportExit);
      // 'error' without a listener would crash this process; a spawn failure emits no 'exit'.
      child.on('error', (err) => {
        process.stderr.write(`Compute process error: ${err.message}\n`);
        if (child.pid === undefined) reportExit(null, null);
      });

      return {
        send(msg) {
          if (exited || !child.connected) return;
          child.send(msg, (err) => {
            if (err) process.stderr.write(`Could not send to the compute process: ${err.message}\n`);
          });
        },
        onMessage(cb) {
          child.on('message', (msg: unknown) => cb(msg));
        },
        onExit(cb) {
          exitListeners.push(cb);
        },
        kill() {
          if (!exited) child.kill('SIGKILL');
        },
        ...(child.pid !== undefined ? { pid: child.pid } : {})
      };
    }
  };
}
