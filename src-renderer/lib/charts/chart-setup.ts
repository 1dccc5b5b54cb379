import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LogarithmicScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip
} from 'chart.js';

// Only what the loss curves, reliability and coverage diagrams, score histograms, fan charts,
// compared curves and singular value spectra (log scale) draw (Filler fills the interval band):
// keeps the bundle small and every chart type explicit.
Chart.register(
  LineController,
  LineElement,
  PointElement,
  BarController,
  BarElement,
  LinearScale,
  LogarithmicScale,
  CategoryScale,
  Filler,
  Legend,
  Tooltip
);

Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily || 'system-ui, sans-serif';
Chart.defaults.font.size = 11;
Chart.defaults.color = '#5b6775';
Chart.defaults.borderColor = '#e3e8ed';

export { Chart };

/** Series colours: distinguishable for common colour-vision deficiencies (Okabe–Ito). */
export const SERIES = {
  blue: '#0072b2',
  orange: '#e69f00',
  green: '#009e73',
  purple: '#8a3ffc',
  grey: '#7a8591',
  red: '#d55e00'
} as const;
