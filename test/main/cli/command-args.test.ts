import { describe, expect, it, vi } from 'vitest';
import { onlyRunId, parseCommandArgs } from '../../../src-main/cli/command-args';

const USAGE = 'sbnn thing <runId> [--out F] [--json] [--db PATH]';

/** What the command wrote on stdout while `fn` ran. */
function stdoutOf(fn: () => unknown): string {
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    fn();
  } finally {
    write.mockRestore();
  }
  return chunks.join('');
}

describe('parseCommandArgs', () => {
  it("reads the common options with the command's own ones", () => {
    const args = parseCommandArgs(['7', '--out', 'r.html', '--db', 'x.sqlite', '--json'], USAGE, {
      out: { type: 'string' }
    });
    expect(args?.positionals).toEqual(['7']);
    expect(args?.values).toEqual({ out: 'r.html', db: 'x.sqlite', json: true, help: false });
  });

  it('defaults --json and --help to false and leaves --db unset', () => {
    const args = parseCommandArgs(['7'], USAGE, {});
    expect(args?.values).toEqual({ json: false, help: false });
  });

  it('prints the usage and returns null with --help or -h, whatever else is given', () => {
    for (const argv of [['--help'], ['-h'], ['1', '2', '--json', '--help']]) {
      let args: unknown = 'not called';
      const out = stdoutOf(() => {
        args = parseCommandArgs(argv, USAGE, { out: { type: 'string' } });
      });
      expect(args).toBeNull();
      expect(out).toBe(`${USAGE}\n`);
    }
  });

  it('refuses an option the command does not take', () => {
    expect(() => parseCommandArgs(['7', '--outt', 'r.html'], USAGE, { out: { type: 'string' } })).toThrow(
      "Unknown option '--outt'"
    );
  });

  it('refuses positional arguments when the command takes none', () => {
    expect(() => parseCommandArgs(['7'], USAGE, {}, false)).toThrow("Unexpected argument '7'");
    expect(parseCommandArgs(['--json'], USAGE, {}, false)?.positionals).toEqual([]);
  });
});

describe('onlyRunId', () => {
  it('reads the one run id', () => {
    expect(onlyRunId('report', ['12'])).toBe(12);
  });

  it('says the command takes one run id when there is none or more than one', () => {
    const message = 'report takes one run id (see: npm run sbnn -- report --help).';
    expect(() => onlyRunId('report', [])).toThrow(message);
    expect(() => onlyRunId('report', ['1', '2'])).toThrow(message);
  });

  it('uses the wording it is given instead', () => {
    expect(() => onlyRunId('show', [], 'Usage: sbnn show <runId>')).toThrow(/^Usage: sbnn show <runId>$/);
  });

  it('refuses a run id that is not a positive whole number', () => {
    expect(() => onlyRunId('report', ['1.5'])).toThrow('Run ids are positive whole numbers, got "1.5".');
    expect(() => onlyRunId('report', ['0'])).toThrow('Run ids are positive whole numbers, got "0".');
  });
});
