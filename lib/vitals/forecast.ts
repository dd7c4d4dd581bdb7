import { formatBytes } from './format';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DiskSample {
  /** Epoch ms. */
  t: number;
  usedBytes: number;
  sizeBytes: number;
  /** When known, full means used reaches used + avail (df's Use% of 100), not the raw size. */
  availBytes?: number;
}

export interface DiskForecast {
  daysToFull: number;
  bytesPerDay: number;
  /** ISO time the fit reaches full. */
  fullAt: string;
}

export interface ForecastOptions {
  /** Days of history fitted (default 7). */
  windowDays?: number;
  /** History the window must span before anything is said (default 24 h). */
  minHistoryMs?: number;
  /** Time since the last cleanup the fit needs (default 6 h). */
  minFitMs?: number;
  /** Further away than this is not worth saying (default 365 days). */
  horizonDays?: number;
}

interface Point { t: number; u: number }

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mad = (xs: number[]) => {
  const m = median(xs);
  return 1.4826 * median(xs.map((x) => Math.abs(x - m)));
};

/** Hourly medians: a week is at most 168 points however often it was sampled, and spikes fall out. */
function hourly(samples: DiskSample[]): Point[] {
  const buckets = new Map<number, DiskSample[]>();
  for (const s of samples) {
    const k = Math.floor(s.t / HOUR);
    const b = buckets.get(k);
    if (b) b.push(s);
    else buckets.set(k, [s]);
  }
  return [...buckets.values()].map((b) => ({ t: b.reduce((a, s) => a + s.t, 0) / b.length, u: median(b.map((s) => s.usedBytes)) }));
}

/** The index where the fit starts: just after the last drop too big to be noise (a cleanup). */
function afterLastCleanup(points: Point[], sizeBytes: number): number {
  const diffs = points.slice(1).map((p, i) => p.u - points[i].u);
  if (diffs.length < 2) return 0;
  const threshold = Math.max(6 * mad(diffs), 0.005 * sizeBytes);
  for (let i = diffs.length - 1; i >= 0; i--) if (diffs[i] < -threshold) return i + 1;
  return 0;
}

interface Fit { slope: number; intercept: number; se: number; residuals: number[] }

function leastSquares(points: Point[], t0: number): Fit {
  const n = points.length;
  const xs = points.map((p) => (p.t - t0) / DAY);
  const mx = xs.reduce((a, x) => a + x, 0) / n;
  const my = points.reduce((a, p) => a + p.u, 0) / n;
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  const slope = sxx > 0 ? xs.reduce((a, x, i) => a + (x - mx) * (points[i].u - my), 0) / sxx : 0;
  const intercept = my - slope * mx;
  const residuals = points.map((p, i) => p.u - (intercept + slope * xs[i]));
  const sse = residuals.reduce((a, r) => a + r * r, 0);
  const se = n > 2 && sxx > 0 ? Math.sqrt(sse / (n - 2) / sxx) : Infinity;
  return { slope, intercept, se, residuals };
}

/** Least squares, refitted once without the points far off the first line (robust to stray samples). */
function robustFit(points: Point[], t0: number): Fit {
  const first = leastSquares(points, t0);
  const spread = mad(first.residuals);
  if (spread === 0) return first;
  const kept = points.filter((_, i) => Math.abs(first.residuals[i]) <= 3 * spread);
  return kept.length >= 4 ? leastSquares(kept, t0) : first;
}

/**
 * When will the disk be full? Fits used bytes over the last 7 days, after the last cleanup; null
 * with under 24 h of history, too little since a cleanup, a flat or falling disk, a rise lost in
 * the noise, or a date past the horizon.
 */
export function forecastDisk(samples: readonly DiskSample[], opts: ForecastOptions = {}): DiskForecast | null {
  const valid = samples.filter((s) => [s.t, s.usedBytes, s.sizeBytes].every(Number.isFinite) && s.sizeBytes > 0).sort((a, b) => a.t - b.t);
  if (valid.length < 2) return null;
  const last = valid[valid.length - 1];
  const window = valid.filter((s) => s.t > last.t - (opts.windowDays ?? 7) * DAY);
  if (last.t - window[0].t < (opts.minHistoryMs ?? DAY)) return null;
  const points = hourly(window);
  const fitted = points.slice(afterLastCleanup(points, last.sizeBytes));
  if (fitted.length < 4 || fitted[fitted.length - 1].t - fitted[0].t < (opts.minFitMs ?? 6 * HOUR)) return null;
  const fit = robustFit(fitted, last.t);
  // Rising, and clearly: the slope is three standard errors above zero.
  if (!(fit.slope > 0) || fit.slope < 3 * fit.se) return null;
  const capacity = last.availBytes !== undefined && Number.isFinite(last.availBytes) ? last.usedBytes + last.availBytes : last.sizeBytes;
  const daysToFull = Math.max(0, (capacity - fit.intercept) / fit.slope);
  if (daysToFull > (opts.horizonDays ?? 365)) return null;
  return { daysToFull, bytesPerDay: fit.slope, fullAt: new Date(last.t + daysToFull * DAY).toISOString() };
}

/** "full in about 12 days (at +1.3 GiB a day)". */
export function formatForecast(f: DiskForecast): string {
  const d = f.daysToFull;
  const when = d < 1 / 24 ? 'full within the hour' : d < 1 ? `full in about ${Math.max(1, Math.round(d * 24))} hours` : `full in about ${Math.round(d)} day${Math.round(d) === 1 ? '' : 's'}`;
  return `${when} (at +${formatBytes(f.bytesPerDay)} a day)`;
}
