export type DiskLevel = 'ok' | 'warn' | 'critical';

export interface DiskThresholds {
  /** Default 90. */
  warnPercent?: number;
  /** Default 97. */
  criticalPercent?: number;
  /** How far below a threshold a disk must fall to leave it (percentage points, default 1). */
  band?: number;
}

/**
 * A disk's level with hysteresis: it enters a level at the threshold and leaves it only below the
 * threshold minus the band, so a disk sitting at 90.0 ± 0.1 % does not flap. An unreadable
 * percentage keeps the level it had.
 */
export function diskLevel(percent: number, previous: DiskLevel | null, t: DiskThresholds = {}): DiskLevel {
  const warn = t.warnPercent ?? 90;
  const critical = t.criticalPercent ?? 97;
  const band = t.band ?? 1;
  if (!Number.isFinite(percent)) return previous ?? 'ok';
  if (percent >= critical || (previous === 'critical' && percent >= critical - band)) return 'critical';
  if (percent >= warn || ((previous === 'warn' || previous === 'critical') && percent >= warn - band)) return 'warn';
  return 'ok';
}

/** Memory available under 10 % warns; it clears at 10 % plus the band (default 1 point). */
export function memoryLevel(availableBytes: number, totalBytes: number, previous: 'ok' | 'warn' | null, opts: { underPercent?: number; band?: number } = {}): 'ok' | 'warn' {
  const under = opts.underPercent ?? 10;
  const band = opts.band ?? 1;
  if (!(totalBytes > 0) || !Number.isFinite(availableBytes)) return previous ?? 'ok';
  const percent = (availableBytes / totalBytes) * 100;
  if (percent < under || (previous === 'warn' && percent < under + band)) return 'warn';
  return 'ok';
}

/** A forecast under 7 days warns; it clears above 7 days plus the band (default half a day). */
export function forecastLevel(daysToFull: number | null, previous: 'ok' | 'warn' | null, opts: { warnDays?: number; band?: number } = {}): 'ok' | 'warn' {
  const days = opts.warnDays ?? 7;
  const band = opts.band ?? 0.5;
  if (daysToFull === null) return 'ok';
  if (daysToFull < days || (previous === 'warn' && daysToFull < days + band)) return 'warn';
  return 'ok';
}
