import { describe, expect, it } from 'vitest';
import { sbnn } from '../../support/cli';

describe('npm run sbnn -- bench', () => {
  it('documents bench paper and bench speed in its help and in the list of commands', () => {
    const help = sbnn(['bench', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^sbnn bench paper \[--quick\] \[--seeds N\]/);
    expect(help.stdout).toContain('sbnn bench speed');
    expect(sbnn(['help']).stdout).toContain('sbnn bench paper');
  });

  it('refuses a missing or unknown benchmark and a bad --seeds in one line, before training anything', () => {
    for (const [args, message] of [
      [['bench'], 'bench takes one of: paper, speed'],
      [['bench', 'tables'], 'bench takes one of: paper, speed'],
      [['bench', 'paper', '--seeds', '0'], '--seeds takes positive whole numbers'],
      [['bench', 'paper', '--seeds', '11'], '--seeds takes one whole number from 1 to 10, got "11"'],
      [['bench', 'speed', '--seeds', '2'], '--seeds applies to bench paper, not bench speed']
    ] as const) {
      const result = sbnn([...args]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
