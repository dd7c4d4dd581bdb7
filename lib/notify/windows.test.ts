import { afterEach, describe, expect, it } from 'vitest';
import { activeWindow, activeWindows, maintenanceWindowSchema, nextWindowStart, windowLabel, type MaintenanceWindow } from './windows';
import { formatClock, instantOf, isTimeZone, offsetAt } from './zoned-time';

const BERLIN = 'Europe/Berlin';
const w = (o: Partial<MaintenanceWindow> & Pick<MaintenanceWindow, 'days' | 'at' | 'minutes'>) => maintenanceWindowSchema.parse(o);
const utc = (s: string) => new Date(`${s}Z`);
const active = (ws: MaintenanceWindow[], at: Date, tz = BERLIN) => activeWindow(ws, at, tz);

describe('the config entry', () => {
  it('accepts short and full day names, HH:MM and 1..1440 minutes', () => {
    expect(w({ days: ['Sunday', 'sat', ' MON '] as never, at: '03:00', minutes: 60 }).days).toEqual(['sun', 'sat', 'mon']);
    expect(maintenanceWindowSchema.safeParse({ days: ['sun'], at: '00:00', minutes: 1440, services: ['jellyfin'] }).success).toBe(true);
  });

  it.each([
    [{ days: ['sun'], at: '3:00', minutes: 60 }, 'at'],
    [{ days: ['sun'], at: '24:00', minutes: 60 }, 'at'],
    [{ days: ['sun'], at: '03:00', minutes: 0 }, 'minutes'],
    [{ days: ['sun'], at: '03:00', minutes: 1441 }, 'minutes'],
    [{ days: ['sun'], at: '03:00', minutes: 1.5 }, 'minutes'],
    [{ days: [], at: '03:00', minutes: 60 }, 'days'],
    [{ days: ['sundae'], at: '03:00', minutes: 60 }, 'days'],
    [{ days: ['sun'], at: '03:00', minutes: 60, services: [] }, 'services'],
    [{ days: ['sun'], at: '03:00', minutes: 60, every: 'week' }, ''],
  ])('rejects %j (%s)', (entry, field) => {
    const r = maintenanceWindowSchema.safeParse(entry);
    expect(r.success).toBe(false);
    if (field) expect(r.error!.issues[0].path[0]).toBe(field);
  });

  it('labels itself', () => {
    expect(windowLabel(w({ days: ['sun'], at: '03:00', minutes: 60 }))).toBe('the maintenance window (sun 03:00 for 60 min)');
    expect(windowLabel(w({ name: 'Sunday updates', days: ['sun'], at: '03:00', minutes: 60 }))).toBe('Sunday updates');
  });
});

describe('an ordinary window: Sundays 03:00 for 60 minutes in Berlin', () => {
  const sunday = [w({ days: ['sun'], at: '03:00', minutes: 60 })];
  // 2026-01-04 is a Sunday; Berlin is UTC+1 in winter.
  it('opens at its start and closes at its end (end exclusive)', () => {
    expect(active(sunday, utc('2026-01-04T01:59:59'))).toBeNull();
    expect(active(sunday, utc('2026-01-04T02:00:00'))).toMatchObject({ start: utc('2026-01-04T02:00:00'), end: utc('2026-01-04T03:00:00'), index: 0 });
    expect(active(sunday, utc('2026-01-04T02:59:59'))).not.toBeNull();
    expect(active(sunday, utc('2026-01-04T03:00:00'))).toBeNull();
    expect(active(sunday, utc('2026-01-05T02:30:00'))).toBeNull(); // Monday
  });

  it('the same wall time is another instant in summer', () => {
    expect(active(sunday, utc('2026-07-05T01:30:00'))).toMatchObject({ start: utc('2026-07-05T01:00:00') });
  });

  it('the next start, from before and from inside a window', () => {
    expect(nextWindowStart(sunday, utc('2026-01-01T00:00:00'), BERLIN)?.start).toEqual(utc('2026-01-04T02:00:00'));
    expect(nextWindowStart(sunday, utc('2026-01-04T02:30:00'), BERLIN)?.start).toEqual(utc('2026-01-11T02:00:00'));
  });

  it('each occurrence has its own id', () => {
    const a = active(sunday, utc('2026-01-04T02:10:00'))!;
    const b = active(sunday, utc('2026-01-04T02:50:00'))!;
    const c = active(sunday, utc('2026-01-11T02:10:00'))!;
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
  });
});

describe('crossing midnight', () => {
  const late = [w({ days: ['sat'], at: '23:30', minutes: 60 })];
  it('a Saturday 23:30 window for 60 minutes covers Sunday 00:15, not 00:30', () => {
    // Sat 2026-01-03 23:30 CET = 22:30 UTC
    expect(active(late, utc('2026-01-03T23:15:00'))).toMatchObject({ start: utc('2026-01-03T22:30:00') });
    expect(active(late, utc('2026-01-03T23:30:00'))).toBeNull();
    expect(nextWindowStart(late, utc('2026-01-03T23:15:00'), BERLIN)?.start).toEqual(utc('2026-01-10T22:30:00'));
  });

  it('a 24 h window covers the whole next day until its start time', () => {
    const day = [w({ days: ['fri'], at: '12:00', minutes: 1440 })];
    expect(active(day, utc('2026-01-03T10:59:00'))?.start).toEqual(utc('2026-01-02T11:00:00')); // Sat 11:59 local
    expect(active(day, utc('2026-01-03T11:00:00'))).toBeNull();
  });
});

describe('clock changes in Europe/Berlin', () => {
  const early = [w({ days: ['sun'], at: '02:30', minutes: 60 })];

  it('spring forward (2026-03-29, 02:00 → 03:00): a 02:30 start that does not exist moves on by the gap, to 03:30 CEST', () => {
    expect(offsetAt(utc('2026-03-29T00:59:00').getTime(), BERLIN)).toBe(3600_000);
    expect(offsetAt(utc('2026-03-29T01:00:00').getTime(), BERLIN)).toBe(7200_000);
    const o = active(early, utc('2026-03-29T01:45:00'));
    expect(o).toMatchObject({ start: utc('2026-03-29T01:30:00'), end: utc('2026-03-29T02:30:00') });
    expect(active(early, utc('2026-03-29T01:15:00'))).toBeNull(); // 03:15 CEST: before the moved start
    expect(nextWindowStart(early, utc('2026-03-28T12:00:00'), BERLIN)?.start).toEqual(utc('2026-03-29T01:30:00'));
  });

  it('fall back (2026-10-25, 03:00 → 02:00): a 02:30 start happens once, at its first occurrence (CEST), and lasts 60 real minutes', () => {
    const o = active(early, utc('2026-10-25T00:45:00'));
    expect(o).toMatchObject({ start: utc('2026-10-25T00:30:00'), end: utc('2026-10-25T01:30:00') });
    // 02:15 CET, the repeated hour: still inside, since only 45 real minutes have passed.
    expect(active(early, utc('2026-10-25T01:15:00'))?.start).toEqual(utc('2026-10-25T00:30:00'));
    // 02:30 CET, the second time the clock shows 02:30: no second window.
    expect(active(early, utc('2026-10-25T01:30:00'))).toBeNull();
    expect(active(early, utc('2026-10-25T01:45:00'))).toBeNull();
  });

  it('instantOf on ordinary, skipped and repeated times', () => {
    expect(instantOf({ year: 2026, month: 1, day: 4 }, 3, 0, BERLIN)).toBe(utc('2026-01-04T02:00:00').getTime());
    expect(instantOf({ year: 2026, month: 3, day: 29 }, 2, 0, BERLIN)).toBe(utc('2026-03-29T01:00:00').getTime());
    expect(instantOf({ year: 2026, month: 10, day: 25 }, 2, 0, BERLIN)).toBe(utc('2026-10-25T00:00:00').getTime());
    expect(instantOf({ year: 2026, month: 10, day: 25 }, 3, 0, BERLIN)).toBe(utc('2026-10-25T02:00:00').getTime());
  });

  it('a window across the change keeps its length in real minutes', () => {
    const night = [w({ days: ['sat'], at: '23:00', minutes: 240 })];
    expect(active(night, utc('2026-03-29T01:30:00'))).toMatchObject({ start: utc('2026-03-28T22:00:00'), end: utc('2026-03-29T02:00:00') });
  });
});

describe('scopes, several windows, other zones', () => {
  const ws = [w({ days: ['sun'], at: '03:00', minutes: 60, services: ['jellyfin'] }), w({ days: ['sun'], at: '03:30', minutes: 120 })];
  const t = utc('2026-01-04T02:40:00'); // 03:40 CET

  it('a service window holds its service only; the longest-lasting open window wins', () => {
    expect(activeWindows(ws, t, BERLIN)).toHaveLength(2);
    expect(activeWindow(ws, t, BERLIN, { service: 'jellyfin' })?.index).toBe(1);
    expect(activeWindow([ws[0]], t, BERLIN, { service: 'synapse' })).toBeNull();
    expect(activeWindow([ws[0]], t, BERLIN, {})).toBeNull(); // the machine: only windows for everything
    expect(activeWindow([ws[0]], t, BERLIN)?.index).toBe(0);
    expect(nextWindowStart(ws, utc('2026-01-04T03:00:00'), BERLIN, { service: 'synapse' })?.index).toBe(1);
  });

  it('zone names are checked, and times are said in the zone', () => {
    expect(isTimeZone(BERLIN)).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(formatClock(utc('2026-03-29T01:30:00').getTime(), BERLIN)).toBe('Sun 03:30');
  });

  it('the same config in another zone is another instant', () => {
    const sunday = [w({ days: ['sun'], at: '03:00', minutes: 60 })];
    expect(activeWindow(sunday, utc('2026-01-04T08:30:00'), 'America/New_York')).not.toBeNull();
    expect(activeWindow(sunday, utc('2026-01-04T03:30:00'), 'UTC')).not.toBeNull();
  });
});

describe('the process time zone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('without tz, the windows follow TZ, as on the Mac mini', () => {
    const sunday = [w({ days: ['sun'], at: '03:00', minutes: 60 })];
    process.env.TZ = 'America/New_York';
    expect(activeWindow(sunday, utc('2026-01-04T08:30:00'))).not.toBeNull();
    expect(activeWindow(sunday, utc('2026-01-04T02:30:00'))).toBeNull();
    process.env.TZ = BERLIN;
    expect(activeWindow(sunday, utc('2026-01-04T02:30:00'))).not.toBeNull();
  });
});
