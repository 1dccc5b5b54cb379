/**
 * Lets queued I/O callbacks run, in particular the 'cancel' messages from the main side. Jobs
 * call this between steps: tfjs kernels run synchronously, so without it a job would hold the
 * compute process's event loop until it finished and a cancel could never arrive in time.
 * setImmediate (not a resolved promise) is required: microtasks run before I/O is polled.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
