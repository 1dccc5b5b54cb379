/**
 * Small static SVG charts for the printable run report: no script, no external resource, so the
 * page prints the same in any browser and in the desktop PDF export.
 */

export interface Series {
  label: string;
  color: string;
  points: Array<[number, number]>;
  /** Draw as a dashed reference line. */
  dashed?: boolean;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** Fixed axis ranges; from the data when absent. */
  xRange?: [number, number];
  yRange?: [number, number];
}

const PAD = { left: 48, right: 12, top: 26, bottom: 34 };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function extent(values: number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/** Up to 5 round tick values covering [lo, hi]. */
export function ticks(lo: number, hi: number): number[] {
  const span = hi - lo;
  const step0 = span / 4;
  const magnitude = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= step0) ?? step0;
  const first = Math.ceil(lo / step - 1e-9) * step;
  const result: number[] = [];
  for (let v = first; v <= hi + step * 1e-9; v += step) result.push(Number(v.toPrecision(12)));
  return result;
}

function format(v: number): string {
  return Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0)
    ? v.toExponential(1)
    : String(Number(v.toPrecision(3)));
}

/** A line chart with axes, ticks, a title and a legend. */
export function lineChart(series: Series[], options: ChartOptions): string {
  const width = options.width ?? 320;
  const height = options.height ?? 220;
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const [x0, x1] = options.xRange ?? extent(xs);
  const [y0, y1] = options.yRange ?? extent(ys);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * plotW;
  const sy = (y: number) => PAD.top + plotH - ((y - y0) / (y1 - y0)) * plotH;
  const parts: string[] = [];
  parts.push(
    `<text x="${width / 2}" y="14" text-anchor="middle" class="t">${escapeXml(options.title)}</text>`
  );
  for (const t of ticks(y0, y1)) {
    parts.push(
      `<line x1="${PAD.left}" x2="${width - PAD.right}" y1="${sy(t)}" y2="${sy(t)}" class="g"/>` +
        `<text x="${PAD.left - 4}" y="${sy(t) + 3}" text-anchor="end" class="k">${format(t)}</text>`
    );
  }
  for (const t of ticks(x0, x1)) {
    parts.push(
      `<text x="${sx(t)}" y="${height - PAD.bottom + 12}" text-anchor="middle" class="k">${format(t)}</text>`
    );
  }
  parts.push(
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" class="f"/>`,
    `<text x="${PAD.left + plotW / 2}" y="${height - 4}" text-anchor="middle" class="k">${escapeXml(options.xLabel)}</text>`,
    `<text x="10" y="${PAD.top + plotH / 2}" text-anchor="middle" class="k" transform="rotate(-90 10 ${PAD.top + plotH / 2})">${escapeXml(options.yLabel)}</text>`
  );
  series.forEach((s, i) => {
    const finite = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    if (finite.length > 0) {
      const d = finite
        .map(([x, y], j) => `${j === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`)
        .join('');
      parts.push(
        `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.6"${s.dashed ? ' stroke-dasharray="4 3"' : ''}/>`
      );
    }
    parts.push(
      `<text x="${PAD.left + 6}" y="${PAD.top + 12 + 12 * i}" class="k" fill="${s.color}">${escapeXml(s.label)}</text>`
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(options.title)}">${parts.join('')}</svg>`;
}

/** Overlaid histograms of two score samples on shared bins (e.g. OOD scores of test vs OOD records). */
export function histogramChart(
  samples: Array<{ label: string; color: string; values: number[] }>,
  options: ChartOptions & { bins?: number }
): string {
  const bins = options.bins ?? 20;
  const all = samples.flatMap((s) => s.values).filter(Number.isFinite);
  const [lo, hi] = extent(all);
  const width = (hi - lo) / bins;
  const series: Series[] = samples.map((s) => {
    const counts = new Array<number>(bins).fill(0);
    for (const v of s.values) {
      if (!Number.isFinite(v)) continue;
      const bin = Math.min(bins - 1, Math.floor((v - lo) / width));
      counts[bin] = (counts[bin] ?? 0) + 1;
    }
    const n = Math.max(1, s.values.length);
    // A step outline of the share of records per bin.
    const points: Array<[number, number]> = [];
    counts.forEach((c, b) => {
      points.push([lo + b * width, c / n], [lo + (b + 1) * width, c / n]);
    });
    return { label: s.label, color: s.color, points };
  });
  return lineChart(series, options);
}
