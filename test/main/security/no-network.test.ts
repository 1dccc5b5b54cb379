import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sbnn } from '../../support/cli';
import { GBSG, REPO_ROOT, ROTTERDAM } from '../../support/paths';

const RECORDER = resolve(REPO_ROOT, 'test/fixtures/security/record-network.mjs');

describe('network use during a full train-and-predict run', () => {
  it('opens no connection and resolves no host name, in the CLI and the compute process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbnn-net-'));
    const networkLog = join(dir, 'network.log');
    const env = {
      ...process.env,
      // Inherited by the forked compute process too.
      NODE_OPTIONS: `--import ${pathToFileURL(RECORDER).href}`,
      SBNN_NETWORK_LOG: networkLog
    };
    const db = join(dir, 'runs.sqlite');
    const cli = (args: string[]) => sbnn(args, env);
    const train = cli([
      'train',
      ROTTERDAM,
      '--target',
      'event_3y',
      '--ignore',
      'pid',
      '--hidden',
      '8',
      '--rank',
      '2',
      '--epochs',
      '2',
      '--samples',
      '5',
      '--ood-file',
      GBSG,
      '--json',
      '--db',
      db
    ]);
    expect(train.status, train.stderr).toBe(0);
    const predict = cli(['predict', '1', GBSG, '--out', join(dir, 'p.csv'), '--samples', '5', '--db', db]);
    expect(predict.status, predict.stderr).toBe(0);
    // The recorder is loaded (it would have logged a probe connection below), and logged nothing.
    const probe = spawnSync(
      process.execPath,
      ['-e', "require('node:net').connect({ host: '127.0.0.1', port: 9 }).on('error', () => {})"],
      { env: { ...env, SBNN_NETWORK_LOG: join(dir, 'probe.log') }, encoding: 'utf8' }
    );
    expect(probe.status).toBe(0);
    expect(readFileSync(join(dir, 'probe.log'), 'utf8')).toContain('connect 127.0.0.1:9');
    expect(existsSync(networkLog) ? readFileSync(networkLog, 'utf8') : '').toBe('');
  });
});
