import { describe, expect, it } from 'vitest';
import type { RunProgress } from '@shared/contract/channels';
import { CombinedProgress, ProgressBar } from '../../../src-main/cli/progress-bar';

function progress(runId: number, fraction: number): RunProgress {
  return {
    runId,
    phase: 'training',
    epoch: 1,
    epochs: 10,
    fraction,
    etaSeconds: null,
    loss: null,
    nll: null,
    kl: null,
    klWeight: null,
    valLoss: null,
    valMetric: null
  };
}

/** A log (not a terminal): one line each time the overall percentage reaches a new tenth. */
function logBar(): { bar: ProgressBar; lines: string[] } {
  const lines: string[] = [];
  const bar = new ProgressBar({ write: (text: string) => lines.push(text) }, false);
  return { bar, lines };
}

describe('progress on stderr', () => {
  it('shows one run with its epoch, loss and ETA', () => {
    const { bar, lines } = logBar();
    bar.update({ ...progress(1, 0.5), epoch: 5, loss: 0.25, etaSeconds: 90 });
    expect(lines).toEqual([' 50% epoch 5/10 · loss 0.2500 · ETA 1 min 30 s\n']);
  });

  it('combines the runs of a sweep: the mean of their fractions and how many ended', () => {
    const { bar, lines } = logBar();
    const combined = new CombinedProgress(2, bar);
    combined.progress(progress(1, 0.5)); // (0.5 + 0) / 2
    combined.progress(progress(2, 0.3)); // (0.5 + 0.3) / 2
    combined.progress(progress(2, 0.35)); // 0.425: still the fourth tenth, no new line
    combined.status(1, 'running');
    combined.status(1, 'finished'); // (1 + 0.35) / 2 = 0.675
    combined.progress(progress(2, 1)); // every fraction at 1, but run 2 has not ended: 99%
    combined.status(2, 'failed'); // both ended: 100%
    expect(lines).toEqual([
      ' 25% 0/2 runs ended\n',
      ' 40% 0/2 runs ended\n',
      ' 68% 1/2 runs ended\n',
      ' 99% 1/2 runs ended\n',
      '100% 2/2 runs ended\n'
    ]);
  });
});
