import { describe, expect, it } from 'vitest';
import { Recorder } from './recorder';
import { DAY, HOUR, MINUTE } from './schema';
import { prune } from './store';
import { memoryDb, settings, snap } from './test-helpers';

const T0 = Date.UTC(2026, 0, 1);
const count = (db: ReturnType<typeof memoryDb>, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('retention', () => {
  it('keeps raw samples a day, minutes a week, hours and closed incidents as configured', () => {
    const db = memoryDb();
    const rec = new Recorder({ db: () => db, settings, clock: () => T0, pruneEveryMs: Infinity });
    rec.record(snap(T0, { a: 'down' }));
    rec.record(snap(T0 + MINUTE, { a: 'up' }));
    rec.record(snap(T0 + 2 * DAY, { a: 'up' }));
    rec.record(snap(T0 + 10 * DAY, { a: 'down' })); // stays open
    const now = T0 + 10 * DAY + HOUR;
    prune(db, now, { ...settings, hourDays: 5, incidentDays: 5 });
    expect(count(db, 'history_samples')).toBe(1); // only the one within 24 h
    expect(count(db, 'history_minutes')).toBe(1); // within 7 days
    expect(count(db, 'history_hours')).toBe(1); // within 5 days
    // The closed incident from day 0 is gone; the open one stays however old it gets.
    expect(db.prepare('SELECT started_at AS s, ended_at AS e FROM history_incidents').all()).toEqual([{ s: T0 + 10 * DAY, e: null }]);
    prune(db, now + 100 * DAY, settings);
    expect(count(db, 'history_incidents')).toBe(1);
  });

  it('prunes on its own schedule, by the injected clock', () => {
    const db = memoryDb();
    let now = T0;
    const rec = new Recorder({ db: () => db, settings, clock: () => now, pruneEveryMs: 10 * MINUTE });
    rec.record(snap(T0, { a: 'up' }));
    now = T0 + 2 * DAY;
    rec.record(snap(now, { a: 'up' }));
    expect(count(db, 'history_samples')).toBe(1);
    // Within ten minutes of that prune nothing else is deleted, even if it is due.
    now += 5 * MINUTE;
    db.prepare('INSERT INTO history_samples (service, at, state) VALUES (?, ?, ?)').run('a', T0, 'up');
    rec.record(snap(now, { a: 'up' }));
    expect(count(db, 'history_samples')).toBe(3);
    now += 6 * MINUTE;
    rec.record(snap(now, { a: 'up' }));
    expect(count(db, 'history_samples')).toBe(3);
  });
});
