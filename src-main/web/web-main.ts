import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { errorMessage } from '@shared/contract/errors';
import { resolveComputeEntry, resolveDbPath, resolveResourcesDir } from '../core/app-paths';
import { createAppCore } from '../core/app-core';
import { createForkLauncher } from '../compute/fork-launcher';
import { startWebServer } from './http-server';

const USAGE = `Usage: npm run web -- [--port P] [--no-open] [--db PATH]
  --port P     port on 127.0.0.1 (default 5183; 0 picks a free one)
  --no-open    do not open the browser
  --db PATH    SQLite database (default: the app's user data folder, or $SBNN_DB)`;

/**
 * Web mode: the whole app as a page on 127.0.0.1, for headless machines and the end-to-end tests.
 * Prints exactly one line on stdout, the URL with its access token.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5183' },
      'no-open': { type: 'boolean', default: false },
      db: { type: 'string' },
      help: { type: 'boolean', default: false }
    },
    strict: true
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, got "${values.port}".`);
  }
  const rendererDir = [resolve(__dirname, '../renderer'), resolve(__dirname, '../../out/renderer')].find(
    (dir) => existsSync(join(dir, 'index.html'))
  );
  if (!rendererDir) throw new Error('The renderer is not built: run `npm run build` first.');

  const compute = resolveComputeEntry(__dirname);
  const core = createAppCore({
    dbPath: resolveDbPath(values.db),
    resourcesDir: resolveResourcesDir(__dirname),
    launcher: createForkLauncher(compute),
    mode: 'web'
  });
  const backend = await core.compute.backend().catch(() => null);
  const server = await startWebServer({ core, rendererDir, port });
  process.stdout.write(`SBNN Studio is running at ${server.url}\n`);
  process.stderr.write(
    `Backend: ${backend ? backend.label : 'unavailable'} · database: ${core.dbPath} · press Ctrl+C to stop\n`
  );
  if (!values['no-open']) openBrowser(server.url);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void Promise.all([server.close(), core.close()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
    child.on('error', () => process.stderr.write(`Open ${url} in your browser.\n`));
    child.unref();
  } catch {
    process.stderr.write(`Open ${url} in your browser.\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`SBNN Studio could not start: ${errorMessage(err)}\n`);
  process.exit(1);
});
