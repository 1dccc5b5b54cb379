// Starts SBNN Studio as the desktop app, the web server or the CLI, building it first when the
// sources are newer than the last build. Build output goes to stderr, so `sbnn ... --json` keeps a
// clean stdout.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'out', '.build-stamp');
const [mode, ...args] = process.argv.slice(2);
const entries = { build: null, desktop: null, web: 'out/main/web.js', cli: 'out/main/cli.js' };

if (!(mode in entries)) {
  process.stderr.write('Usage: node scripts/launch.mjs build|desktop|web|cli [arguments]\n');
  process.exit(2);
}

function newestSourceTime() {
  let newest = 0;
  const visit = (path) => {
    const info = statSync(path);
    if (info.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, info.mtimeMs);
  };
  for (const name of [
    'src-main',
    'src-shared',
    'src-renderer',
    'electron.vite.config.ts',
    'package.json',
    'svelte.config.mjs'
  ]) {
    const path = join(root, name);
    if (existsSync(path)) visit(path);
  }
  return newest;
}

function ensureBuilt(force) {
  const built = existsSync(stampFile) ? Number(readFileSync(stampFile, 'utf8')) : 0;
  if (!force && built >= newestSourceTime() && existsSync(join(root, 'out', 'main', 'cli.js'))) return;
  if (!force) process.stderr.write('Building SBNN Studio (first start or sources changed)...\n');
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', process.stderr, process.stderr]
    }
  );
  if (result.status !== 0) {
    process.stderr.write('The build failed; see the messages above.\n');
    process.exit(1);
  }
  writeFileSync(stampFile, String(Date.now()));
}

function electronBinary() {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Electron fetches its binary on first start; where that cannot happen, say what to do instead. */
function findOrFetchElectron() {
  const found = electronBinary();
  if (found) return found;
  process.stderr.write('Fetching the Electron runtime (first start)...\n');
  spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'ignore'],
    timeout: 180_000
  });
  return electronBinary();
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: process.cwd(), stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

ensureBuilt(mode === 'build');
if (mode === 'build') {
  process.exit(0);
} else if (mode === 'desktop') {
  const binary = findOrFetchElectron();
  if (!binary) {
    process.stderr.write(
      'The Electron runtime is not available on this machine (it could not be downloaded), so the desktop\n' +
        'window cannot open. Run SBNN Studio in your browser instead:\n\n    npm run web\n\n' +
        'It serves the same app on http://127.0.0.1 only, with your data in the same database.\n'
    );
    process.exit(1);
  }
  run(binary, [root, ...args]);
} else {
  run(process.execPath, [join(root, entries[mode]), ...args]);
}
