import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_NAME = 'SBNN Studio';
export const DB_FILE_NAME = 'sbnn-studio.sqlite';

/**
 * The per-user data folder, the same one Electron's app.getPath('userData') gives, so the desktop
 * app, web mode and the CLI share one database by default.
 */
export function defaultUserDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

/** Database path: an explicit --db wins, then SBNN_DB, then the user data folder. */
export function resolveDbPath(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  if (env.SBNN_DB) return resolve(env.SBNN_DB);
  return join(defaultUserDataDir(env), DB_FILE_NAME);
}

/**
 * The folder holding the bundled samples. Built code lives in out/main/, sources in src-main/core/;
 * both sit two levels below the repository root. A packaged app sets SBNN_RESOURCES.
 */
export function resolveResourcesDir(baseDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.SBNN_RESOURCES) return resolve(env.SBNN_RESOURCES);
  const candidates = [
    resolve(baseDir, '../../resources'),
    resolve(baseDir, '../resources'),
    resolve('resources')
  ];
  return candidates.find((dir) => existsSync(join(dir, 'samples'))) ?? (candidates[0] as string);
}

/** The compute process entry: the built bundle next to this file, or the TypeScript source under tsx. */
export function resolveComputeEntry(baseDir: string): { entryPath: string; execArgv: string[] } {
  const built = join(baseDir, 'compute.js');
  if (existsSync(built)) return { entryPath: built, execArgv: [] };
  const source = resolve(baseDir, '../compute/entry.ts');
  return { entryPath: source, execArgv: ['--import', 'tsx'] };
}
