import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const WEB_ENTRY = resolve(__dirname, '../../../out/main/web.js');
const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/;

export interface RunningWebServer {
  /** The full start URL, token included. */
  url: string;
  origin: string;
  token: string;
  /** Everything the server printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
  /** Ends the server at once (SIGKILL), as a crash or a killed process would. */
  kill: () => Promise<void>;
}

/**
 * Starts the built web server (`npx electron-vite build` first) on a free port with the given
 * database, and resolves once it prints its URL line.
 */
export async function startWebServer(dbPath: string, timeoutMs = 60_000): Promise<RunningWebServer> {
  if (!existsSync(WEB_ENTRY))
    throw new Error(`${WEB_ENTRY} is missing: run \`npx electron-vite build\` first.`);
  const child = spawn(process.execPath, [WEB_ENTRY, '--port', '0', '--no-open', '--db', dbPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`The web server printed no URL within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = URL_PATTERN.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The web server exited (code ${code}) before printing its URL:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    output: () => output,
    stop: () => stopChild(child),
    kill: () => stopChild(child, 0, 'SIGKILL')
  };
}

/** SIGTERM (the server closes its database and compute process), then SIGKILL if it hangs. */
async function stopChild(
  child: ChildProcess,
  graceMs = 10_000,
  signal: NodeJS.Signals = 'SIGTERM'
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
