import type { RunProgress } from '@shared/contract/channels';
import type { RunStatus } from '@shared/domain/records';

/**
 * Training progress on stderr: a redrawn bar on a terminal, one line per tenth otherwise (logs).
 * stdout stays reserved for results.
 */
export class ProgressBar {
  private lastTenth = -1;
  private drawn = false;

  constructor(
    private readonly stream: { write(text: string): unknown } = process.stderr,
    private readonly interactive = Boolean(process.stderr.isTTY)
  ) {}

  update(p: RunProgress): void {
    const eta = p.etaSeconds !== null ? ` · ETA ${formatSeconds(p.etaSeconds)}` : '';
    const loss = p.loss !== null ? ` · loss ${p.loss.toFixed(4)}` : '';
    const what = p.phase === 'training' ? `epoch ${p.epoch}/${p.epochs}` : p.phase;
    this.show(p.fraction, `${what}${loss}${eta}`);
  }

  /** Draws the bar at `fraction` (0..1) followed by `label`. */
  show(fraction: number, label: string): void {
    const percent = Math.max(0, Math.min(100, Math.round(fraction * 100)));
    if (this.interactive) {
      const width = 28;
      const filled = Math.round((percent / 100) * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      this.stream.write(`\r${bar} ${String(percent).padStart(3)}% ${label}\x1b[K`);
      this.drawn = true;
      return;
    }
    const tenth = Math.floor(percent / 10);
    if (tenth > this.lastTenth) {
      this.lastTenth = tenth;
      this.stream.write(`${String(percent).padStart(3)}% ${label}\n`);
    }
  }

  finish(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}

const ENDED: ReadonlySet<RunStatus> = new Set<RunStatus>(['finished', 'failed', 'cancelled', 'interrupted']);

/**
 * Several runs trained at once (a sweep) as one combined bar: the mean of their fractions, and how
 * many have ended.
 */
export class CombinedProgress {
  private readonly fractions = new Map<number, number>();
  private readonly ended = new Set<number>();

  constructor(
    private readonly total: number,
    private readonly bar: ProgressBar = new ProgressBar()
  ) {}

  progress(p: RunProgress): void {
    this.fractions.set(p.runId, p.fraction);
    this.draw();
  }

  status(runId: number, status: RunStatus): void {
    if (!ENDED.has(status)) return;
    this.ended.add(runId);
    this.fractions.set(runId, 1);
    this.draw();
  }

  finish(): void {
    this.bar.finish();
  }

  private draw(): void {
    let sum = 0;
    for (const fraction of this.fractions.values()) sum += Math.max(0, Math.min(1, fraction));
    // 100% only once every run has ended (saving comes after a run's last progress report).
    const fraction = this.ended.size === this.total ? 1 : Math.min(sum / this.total, 0.99);
    this.bar.show(fraction, `${this.ended.size}/${this.total} runs ended`);
  }
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
