/**
 * Preloaded (node --import) into a forked compute process to make it look like an Electron
 * utilityProcess: process.parentPort delivers { data } events and postMessage, bridged onto the
 * fork IPC channel so ComputeHost can drive it unchanged.
 */
const parentPort = {
  on(event: 'message', listener: (e: { data: unknown }) => void): void {
    if (event === 'message') process.on('message', (data: unknown) => listener({ data }));
  },
  postMessage(msg: unknown): void {
    process.send?.(msg);
  }
};
Object.assign(process, { parentPort });
