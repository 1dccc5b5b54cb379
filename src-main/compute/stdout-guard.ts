/**
 * Keeps the compute process's stdout empty. The CLI prints JSON on the parent's stdout, and the
 * tfjs libraries and the Emscripten runtime print banners and logs with console.log; in an
 * Electron utilityProcess the child's stdout may be inherited by the parent. So every write to
 * stdout (direct or through console) goes to stderr instead. Imported first by entry.ts; in the
 * CommonJS bundle the external packages are still required before it, which is harmless because
 * they print nothing while loading, and the override applies to writes made later through
 * console functions they captured.
 */
const toStderr = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
process.stdout.write = toStderr;

const logToStderr = (...args: unknown[]): void => console.error(...args);
console.log = logToStderr;
console.info = logToStderr;
console.debug = logToStderr;

export {};
