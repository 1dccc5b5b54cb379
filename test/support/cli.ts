import { spawnSync } from 'node:child_process';
import { BUILT_CLI, requireBuilt } from './paths';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a user would (`npm run sbnn -- ...` runs the same file), with the app's
 * default database switched off so every test names its own with --db.
 */
export function sbnn(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 180_000): CliResult {
  const result = spawnSync(process.execPath, [requireBuilt(BUILT_CLI), ...args], {
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, SBNN_DB: '', ...env }
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
