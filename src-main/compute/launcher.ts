import type { ToCompute } from './protocol';

/**
 * How ComputeHost starts and talks to a compute process. Two implementations: fork-launcher.ts
 * (child_process.fork, for the CLI, web mode and tests) and an Electron utilityProcess launcher
 * in the app shell. A launcher only moves messages; ComputeHost validates them.
 */
export interface ComputeChild {
  /** Delivers a message to the process. Must not throw if the process has already exited. */
  send(msg: ToCompute): void;
  /** Registers the listener for messages from the process (unvalidated, exactly as received). */
  onMessage(cb: (msg: unknown) => void): void;
  /** Registers the listener called once when the process has exited, or failed to start. */
  onExit(cb: (code: number | null, signal: string | null) => void): void;
  /** Ends the process immediately (SIGKILL or the platform's equivalent). */
  kill(): void;
  /** OS process id, when the launcher knows it. */
  pid?: number;
}

export interface ComputeLauncher {
  /** Starts a fresh compute process running src-main/compute/entry.ts (or its build, out/main/compute.js). */
  launch(): ComputeChild;
}
