import { resolveComputeEntry, resolveDbPath, resolveResourcesDir } from '../core/app-paths';
import { createAppCore } from '../core/app-core';
import type { AppCore } from '../core/app-core';
import { createForkLauncher } from '../compute/fork-launcher';

/** An AppCore for one CLI command: the same storage and compute process the app uses. */
export function openCliCore(db: string | undefined): AppCore {
  return createAppCore({
    dbPath: resolveDbPath(db),
    resourcesDir: resolveResourcesDir(__dirname),
    launcher: createForkLauncher(resolveComputeEntry(__dirname)),
    mode: 'cli'
  });
}

/** Parses "a,b,c" into numbers, naming the option when a value is not a number. */
export function parseNumberList(option: string, text: string): number[] {
  return text.split(',').map((part) => {
    const value = Number(part.trim());
    if (part.trim() === '' || !Number.isFinite(value)) {
      throw new Error(`--${option} takes comma-separated numbers (e.g. 128,128), got "${text}".`);
    }
    return value;
  });
}

export function parseNumber(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new Error(`--${option} takes a number, got "${text}".`);
  return value;
}

export function parseList(text: string | undefined): string[] {
  return text === undefined
    ? []
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}
