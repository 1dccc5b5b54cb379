import type { RunProgress } from '@shared/contract/channels';

/**
 * Training progress on stderr: a redrawn bar on a terminal, one line per tenth otherwise (logs).
 * stdout stays reserved for results.
 */
export class ProgressBar {
  private lastTenth = -1;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly interactive = Boolean(process.stderr.isTTY)
  ) {}

  update(p: RunProgress): void {
    const percent = Math.max(0, Math.min(100, Math.round(p.fraction * 100)));
    const eta = p.etaSeconds !== null ? ` · ETA ${formatSeconds(p.etaSeconds)}` : '';
    const loss = p.loss !== null ? ` · loss ${p.loss.toFixed(4)}` : '';
    const what = p.phase === 'training' ? `epoch ${p.epoch}/${p.epochs}` : p.phase;
    if (this.interactive) {
      const width = 28;
      const filled = Math.round((percent / 100) * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      this.stream.write(`\r${bar} ${String(percent).padStart(3)}% ${what}${loss}${eta}\x1b[K`);
      this.drawn = true;
      return;
    }
    const tenth = Math.floor(percent / 10);
    if (tenth > this.lastTenth) {
      this.lastTenth = tenth;
      this.stream.write(`${String(percent).padStart(3)}% ${what}${loss}${eta}\n`);
    }
  }

  finish(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
