import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sbnn } from '../../support/cli';
import type { CliResult } from '../../support/cli';

/** A temporary folder for one test file of the built CLI: its own database and the files it writes. */
export interface CliWorkspace {
  dir: string;
  /** The database every command of the test file uses (runs.sqlite in the folder). */
  db: string;
  /** Runs the built CLI with --db naming the workspace's database. */
  cli: (args: string[]) => CliResult;
  /** Writes a file into the folder and returns its path. */
  file: (name: string, content: string | Uint8Array) => string;
}

/** A fresh workspace in a new temporary folder whose name starts with `prefix`. */
export function cliWorkspace(prefix: string): CliWorkspace {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = join(dir, 'runs.sqlite');
  return {
    dir,
    db,
    cli: (args) => sbnn([...args, '--db', db]),
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    }
  };
}
