// Wall-clock arithmetic in a named time zone with Intl only (no timezone library): the Mac mini's
// zone decides when "Sundays at 03:00" is, including the days its clocks change.

export interface WallTime {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const HOUR_MS = 3600_000;

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The zone the process runs in: TZ when set (Node applies it to Intl), else the system's. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** True for a zone name Intl knows ("Europe/Berlin", "UTC"). */
export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `tz` at instant `ms`. */
export function wallTime(ms: number, tz: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

/** How far `tz` is ahead of UTC at instant `ms` (CEST: +2 h), to the second. */
export function offsetAt(ms: number, tz: string): number {
  const w = wallTime(ms, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens in `tz`. Like Temporal's 'compatible' choice: a time the
 * clocks skip (02:30 on a spring-forward night) moves forward by the gap (03:30); a time that
 * happens twice (02:30 on a fall-back night) is its first occurrence.
 */
export function instantOf(date: { year: number; month: number; day: number }, hour: number, minute: number, tz: string): number {
  const guess = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // No zone changes its offset twice within a day, so the offsets 12 h either side are all there are.
  const before = offsetAt(guess - 12 * HOUR_MS, tz);
  const after = offsetAt(guess + 12 * HOUR_MS, tz);
  const valid = [...new Set([before, after])].map((o) => guess - o).filter((t) => offsetAt(t, tz) === guess - t);
  if (valid.length) return Math.min(...valid);
  return guess - before;
}

/** A calendar date moved by whole days (no zone involved: a civil date has none). */
export function addDays(date: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** "Sun 14:05" in `tz`: how messages say when something happened. */
export function formatClock(ms: number, tz: string): string {
  const w = wallTime(ms, tz);
  return `${WEEKDAYS[w.weekday]} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}
