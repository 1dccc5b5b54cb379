import { spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `node scripts/launch.mjs desktop` where the Electron runtime is missing and cannot be fetched.
 *
 * The script runs from a scratch root: a byte-for-byte copy of scripts/launch.mjs, a build stamp
 * newer than any source (so it does not rebuild out/ under tests that read it), and node_modules
 * linking the real packages except `electron`, of which only the real installer is copied, with
 * no binary. The installer downloads from a closed local port, so the outcome is the same on a
 * machine that has network access or an Electron download cached.
 */

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
let root = '';

function scratchRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sbnn-launch-'));
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(REPO_ROOT, 'scripts', 'launch.mjs'), join(dir, 'scripts', 'launch.mjs'));
  mkdirSync(join(dir, 'out', 'main'), { recursive: true });
  writeFileSync(join(dir, 'out', 'main', 'cli.js'), '');
  writeFileSync(join(dir, 'out', '.build-stamp'), String(Date.now()));

  const realModules = join(REPO_ROOT, 'node_modules');
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, 'electron'), { recursive: true });
  for (const name of readdirSync(realModules)) {
    if (name !== 'electron' && !name.startsWith('.'))
      symlinkSync(join(realModules, name), join(modules, name));
  }
  for (const file of ['install.js', 'package.json', 'checksums.json']) {
    copyFileSync(join(realModules, 'electron', file), join(modules, 'electron', file));
  }
  return dir;
}

/** The environment minus every setting that could point the Electron download somewhere real. */
function offlineEnv(cacheDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/electron/i.test(key)) env[key] = value;
  }
  return { ...env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: cacheDir };
}

function launchDesktop(dir: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(dir, 'scripts', 'launch.mjs'), 'desktop'], {
      cwd: dir,
      env: offlineEnv(join(dir, 'electron-cache')),
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(() => {
  root = scratchRoot();
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('launch.mjs desktop without an Electron runtime', () => {
  it('exits 1 and points to `npm run web`, without a stack trace', async () => {
    const outcome = await launchDesktop(root);
    expect(outcome.code, outcome.stderr).toBe(1);
    expect(outcome.stderr).toContain('npm run web');
    expect(outcome.stderr).toMatch(/Electron runtime is not available/);
    expect(outcome.stderr).not.toMatch(/^\s+at\s/m);
    expect(outcome.stderr).not.toMatch(/Building SBNN Studio/);
    expect(outcome.stdout).toBe('');
  }, 180_000);
});
