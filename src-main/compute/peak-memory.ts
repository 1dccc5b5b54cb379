/**
 * The largest resident set size of this process seen while a job runs, sampled by the caller (per
 * training step): what a run cost in memory (METHOD.md section 6), in MB.
 */
export class PeakMemory {
  private peakBytes = process.memoryUsage().rss;

  sample(): void {
    const rss = process.memoryUsage().rss;
    if (rss > this.peakBytes) this.peakBytes = rss;
  }

  get megabytes(): number {
    this.sample();
    return this.peakBytes / (1024 * 1024);
  }
}
