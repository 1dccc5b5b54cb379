import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** The shared datasets folder next to the repository (tests may read the real files there). */
export const DATASETS_DIR = [
  resolve(REPO_ROOT, '../shared/datasets'),
  resolve(REPO_ROOT, 'resources/samples')
].find((d) => existsSync(resolve(d, 'breast-cancer-rotterdam.csv'))) as string;
export const ROTTERDAM = resolve(DATASETS_DIR, 'breast-cancer-rotterdam.csv');
export const GBSG = resolve(DATASETS_DIR, 'breast-cancer-gbsg.csv');

/** The built CLI; `npm test` builds before it runs the tests. */
export const BUILT_CLI = resolve(REPO_ROOT, 'out/main/cli.js');

export function requireBuilt(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` before these tests.`);
  return path;
}
