import { z } from 'zod';
import { addDays, instantOf, localTimeZone, wallTime } from './zoned-time';

// Scheduled maintenance windows from the config (`maintenance.windows`), in the Mac mini's time
// zone. A window starts at its wall-clock time on each listed day and lasts `minutes` of real time.
// On the night clocks spring forward, a start the clocks skip (02:30) moves on by the gap (03:30);
// on the night they fall back, a start that happens twice is its first occurrence only.

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

const fullNames: Record<string, Weekday> = {
  sunday: 'sun',
  monday: 'mon',
  tuesday: 'tue',
  wednesday: 'wed',
  thursday: 'thu',
  friday: 'fri',
  saturday: 'sat',
};

const daySchema = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  return fullNames[s] ?? s;
}, z.enum(weekdays, { message: 'a day: sun, mon, tue, wed, thu, fri or sat' }));

/** One `maintenance.windows` entry: `{ services?, days, at: 'HH:MM', minutes }`. */
export const maintenanceWindowSchema = z
  .object({
    name: z.string().min(1).max(80).optional(),
    /** Absent: every service (and the machine). */
    services: z.array(z.string().min(1)).min(1).optional(),
    days: z.array(daySchema).min(1),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24 h), for example 03:00'),
    minutes: z.number().int().min(1).max(1440),
  })
  .strict();

export type MaintenanceWindow = z.output<typeof maintenanceWindowSchema>;

export interface WindowOccurrence {
  /** Stable for this occurrence: the key of its summary message. */
  id: string;
  index: number;
  window: MaintenanceWindow;
  start: Date;
  end: Date;
}

/** Whether a window holds alerts about `service` (no service: about the machine or everything). */
export function windowCovers(w: MaintenanceWindow, service?: string): boolean {
  return !w.services || (service !== undefined && w.services.includes(service));
}

/** "Sundays 03:00 for 60 min", or the window's name. */
export function windowLabel(w: MaintenanceWindow): string {
  if (w.name) return w.name;
  const days = w.days.length === 7 ? 'daily' : w.days.join(', ');
  return `the maintenance window (${days} ${w.at} for ${w.minutes} min)`;
}

/** Every occurrence starting on the local dates from `fromDay` to `toDay` days around `at`. */
function occurrences(windows: readonly MaintenanceWindow[], at: number, tz: string, fromDay: number, toDay: number): WindowOccurrence[] {
  const today = wallTime(at, tz);
  const out: WindowOccurrence[] = [];
  for (let d = fromDay; d <= toDay; d++) {
    const date = addDays(today, d);
    windows.forEach((window, index) => {
      if (!window.days.includes(weekdays[date.weekday])) return;
      const [hh, mm] = window.at.split(':').map(Number);
      const start = instantOf(date, hh, mm, tz);
      const id = `sched:${index}:${new Date(start).toISOString()}`;
      out.push({ id, index, window, start: new Date(start), end: new Date(start + window.minutes * 60_000) });
    });
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime() || a.index - b.index);
}

/** What an alert is about, to pick the windows that hold it: a service, or (no service) the machine. */
export interface WindowScope {
  service?: string;
}

const inScope = (o: WindowOccurrence, about?: WindowScope) => !about || windowCovers(o.window, about.service);

/** Every window open at `at`: start inclusive, end exclusive. */
export function activeWindows(windows: readonly MaintenanceWindow[], at: Date, tz: string = localTimeZone()): WindowOccurrence[] {
  const t = at.getTime();
  // A window lasts at most a day, so one open now started today, yesterday or (across a clock change) the day before.
  return occurrences(windows, t, tz, -2, 0).filter((o) => o.start.getTime() <= t && t < o.end.getTime());
}

/** The open window (for `about`, when given) that ends last, or null: what holds an alert now. */
export function activeWindow(windows: readonly MaintenanceWindow[], at: Date, tz?: string, about?: WindowScope): WindowOccurrence | null {
  const open = activeWindows(windows, at, tz).filter((o) => inScope(o, about));
  return open.reduce<WindowOccurrence | null>((best, o) => (!best || o.end > best.end ? o : best), null);
}

/** The first window (for `about`, when given) starting after `after`, within eight days; else null. */
export function nextWindowStart(windows: readonly MaintenanceWindow[], after: Date, tz: string = localTimeZone(), about?: WindowScope): WindowOccurrence | null {
  const t = after.getTime();
  return occurrences(windows, t, tz, 0, 8).find((o) => o.start.getTime() > t && inScope(o, about)) ?? null;
}
