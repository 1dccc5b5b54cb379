import { utilityProcess } from 'electron';
import type { ComputeChild, ComputeLauncher } from '../compute/launcher';


/** Runs the compute process as an Electron utilityProcess (the desktop app's counterpart of fork). */
export function createUtilityLauncher(entryPath: string): ComputeLauncher {
  return {
    launch(): ComputeChild {
      const child = utilityProcess.fork(entryPath, [], { serviceName: 'SBNN compute', stdio: 'inherit' });
      return {
        get pid() {
          return child.pid;
        },
        send: (message) => child.postMessage(message),
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
