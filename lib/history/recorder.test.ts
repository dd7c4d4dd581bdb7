import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from './incidents';
import { incidentsFor, slots, uptime } from './queries';
import { freezeDeep } from '../snapshot-fold';
import { Recorder } from './recorder';
import { DAY, HOUR, MINUTE } from './schema';
import { memoryDb, settings, snap } from './test-helpers';

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

function setup(db = memoryDb()) {
  let now = T0;
  const events: HistoryEvent[] = [];
  const rec = new Recorder({ db: () => db, settings, clock: () => now, onEvent: (e) => events.push(e) });
  return { db, rec, events, setNow: (t: number) => (now = t) };
}

describe('summaries', () => {
  it('folds samples into minutes and hours, counting latency only when up', () => {
    const { db, rec } = setup();
    rec.record(snap(T0, { a: 'up' }, 'running', 10));
    rec.record(snap(T0 + 15_000, { a: 'up' }, 'running', 30));
    rec.record(snap(T0 + 30_000, { a: 'down' }));
    rec.record(snap(T0 + 61_000, { a: 'pending' }));
    const mins = db.prepare('SELECT * FROM history_minutes ORDER BY t').all() as Record<string, number>[];
    expect(mins).toEqual([
      { service: 'a', t: T0, n_up: 2, n_down: 1, n_other: 0, lat_sum: 40, lat_n: 2, lat_max: 30 },
      { service: 'a', t: T0 + MINUTE, n_up: 0, n_down: 0, n_other: 1, lat_sum: 0, lat_n: 0, lat_max: null },
    ]);
    const hour = db.prepare('SELECT * FROM history_hours').get() as Record<string, number>;
    expect(hour).toMatchObject({ t: T0, n_up: 2, n_down: 1, n_other: 1, lat_sum: 40, lat_n: 2, lat_max: 30 });
    expect(db.prepare('SELECT count(*) AS n FROM history_samples').get()).toEqual({ n: 4 });
  });

  it('returns uptime and a 48-slot sparkline for the snapshot it records, and leaves the snapshot alone', () => {
    const { rec } = setup();
    rec.record(snap(T0, { a: 'up' }, 'running', 12));
    // Frozen: a recorder that wrote into the round would throw here.
    const s = freezeDeep(snap(T0 + 15_000, { a: 'down' }));
    const h = rec.record(s).history!.a;
    expect(s.machines[0].services[0].history).toBeUndefined();
    expect(h.uptime).toEqual({ h24: 0.5, d7: 0.5, d30: 0.5 });
    expect(h.spark).toHaveLength(48);
    expect(h.spark.at(-1)).toBe(12);
    expect(h.spark.slice(0, 47).every((v) => v === null)).toBe(true);
  });
});

describe('uptime maths', () => {
  it('ignores gaps when the dashboard was not running, across a restart', () => {
    const db = memoryDb();
    const a = setup(db);
    for (let t = T0; t < T0 + HOUR; t += 15_000) a.rec.record(snap(t, { a: 'up' }));
    // The dashboard is off for five hours (no samples), then a new process finds Jellyfin down for 15 minutes.
    const b = setup(db);
    const back = T0 + 6 * HOUR;
    for (let t = back; t < back + 15 * MINUTE; t += 15_000) b.rec.record(snap(t, { a: 'down' }));
    const now = back + 15 * MINUTE;
    expect(uptime(db, 'a', now, DAY)).toBeCloseTo(240 / 300, 6);
    expect(uptime(db, 'a', now, 7 * DAY)).toBeCloseTo(240 / 300, 6);
    // A window that only covers the outage.
    expect(uptime(db, 'a', now, 10 * MINUTE)).toBe(0);
    // A window with no samples at all is unknown, not 0% and not 100%.
    expect(uptime(db, 'a', T0 + 3 * HOUR + 30 * MINUTE, 30 * MINUTE)).toBeNull();
  });

  it('does not count pending, starting or unknown, and counts a stopped VM as unavailable', () => {
    const { db, rec } = setup();
    rec.record(snap(T0, { a: 'up' }));
    rec.record(snap(T0 + 1000, { a: 'pending' }));
    rec.record(snap(T0 + 2000, { a: 'starting' }));
    rec.record(snap(T0 + 3000, { a: 'unknown' }));
    rec.record(snap(T0 + 4000, { a: 'vm-stopped' }, 'stopped'));
    expect(uptime(db, 'a', T0 + 5000, DAY)).toBe(0.5);
  });

  it('splits a range into equal slots for charts and bars', () => {
    const { db, rec } = setup();
    rec.record(snap(T0, { a: 'up' }, 'running', 10));
    rec.record(snap(T0 + 2 * HOUR, { a: 'down' }));
    const s = slots(db, 'a', T0 + 4 * HOUR, 4 * HOUR, 4);
    expect(s.map((x) => [x.up, x.down, x.latAvg])).toEqual([
      [1, 0, 10],
      [0, 0, null],
      [0, 1, null],
      [0, 0, null],
    ]);
  });
});

describe('incidents', () => {
  it('opens one incident per outage and closes it with the duration', () => {
    const { db, rec, events } = setup();
    rec.record(snap(T0, { a: 'up', b: 'up' }));
    rec.record(snap(T0 + 15_000, { a: 'down', b: 'up' }));
    rec.record(snap(T0 + 30_000, { a: 'down', b: 'up' }));
    rec.record(snap(T0 + 75_000, { a: 'up', b: 'up' }));
    expect(events.map((e) => e.type)).toEqual(['down', 'recovered']);
    expect(events[1]).toMatchObject({ service: 'a', durationMs: 60_000 });
    const [inc] = incidentsFor(db, 'a', 'mini-vm');
    expect(inc).toMatchObject({ subject: 'a', from: 'up', to: 'down', startedAt: T0 + 15_000, endedAt: T0 + 75_000, reason: 'no answer: connection refused' });
    expect(incidentsFor(db, 'b', 'mini-vm')).toEqual([]);
  });

  it('a stopped VM is one incident for the machine, not one per service', () => {
    const { db, rec, events } = setup();
    rec.record(snap(T0, { a: 'up', b: 'up', c: 'up' }));
    rec.record(snap(T0 + 15_000, { a: 'vm-stopped', b: 'vm-stopped', c: 'vm-stopped' }, 'stopped'));
    rec.record(snap(T0 + 30_000, { a: 'vm-stopped', b: 'vm-stopped', c: 'vm-stopped' }, 'stopped'));
    rec.record(snap(T0 + 45_000, { a: 'up', b: 'up', c: 'up' }));
    expect(events.map((e) => e.type)).toEqual(['vm-stopped', 'vm-running']);
    const rows = db.prepare('SELECT subject, kind, ended_at - started_at AS d FROM history_incidents').all();
    expect(rows).toEqual([{ subject: 'machine:mini-vm', kind: 'machine', d: 30_000 }]);
    // Each service's page still lists it.
    expect(incidentsFor(db, 'b', 'mini-vm')).toHaveLength(1);
  });

  it('a VM on its way down is down: stopping opens the incident that the stop continues', () => {
    const { rec, events } = setup();
    rec.record(snap(T0, { a: 'up' }));
    rec.record(snap(T0 + 15_000, { a: 'vm-stopped' }, 'stopping'));
    rec.record(snap(T0 + 30_000, { a: 'vm-stopped' }, 'stopped'));
    rec.record(snap(T0 + 45_000, { a: 'vm-stopped' }, 'starting'));
    rec.record(snap(T0 + 60_000, { a: 'up' }));
    expect(events.map((e) => [e.type, e.type === 'vm-stopped' ? e.state : e.at])).toEqual([['vm-stopped', 'stopping'], ['vm-running', T0 + 60_000]]);
  });

  it('a restart continues the open incident instead of opening (and announcing) a second one', () => {
    const db = memoryDb();
    const a = setup(db);
    a.rec.record(snap(T0, { a: 'up' }));
    a.rec.record(snap(T0 + 15_000, { a: 'down' }));
    const b = setup(db);
    b.rec.record(snap(T0 + 10 * MINUTE, { a: 'pending' }));
    b.rec.record(snap(T0 + 10 * MINUTE + 15_000, { a: 'down' }));
    b.rec.record(snap(T0 + 20 * MINUTE, { a: 'up' }));
    expect(a.events.map((e) => e.type)).toEqual(['down']);
    expect(b.events.map((e) => e.type)).toEqual(['recovered']);
    expect(b.events[0]).toMatchObject({ durationMs: 20 * MINUTE - 15_000 });
    expect(db.prepare('SELECT count(*) AS n, sum(notified_open) AS o, sum(notified_close) AS c FROM history_incidents').get()).toEqual({ n: 1, o: 1, c: 1 });
  });
});

describe('a store that fails', () => {
  it('keeps live status, warns, and writes the held rounds once it can', () => {
    const db = memoryDb();
    let broken = true;
    const events: HistoryEvent[] = [];
    const rec = new Recorder({
      db: () => {
        if (broken) throw new Error('disk I/O error');
        return db;
      },
      settings,
      clock: () => T0,
      onEvent: (e) => events.push(e),
    });
    const s1 = freezeDeep(snap(T0, { a: 'up' }));
    const added = rec.record(s1);
    expect(added.warnings?.[0]).toMatch(/History is not being saved: disk I\/O error/);
    expect(added.history).toBeUndefined();
    expect(s1.warnings).toBeUndefined();
    rec.record(snap(T0 + 15_000, { a: 'down' }));
    expect(rec.health()).toMatchObject({ ok: false, pending: 2 });
    broken = false;
    const s3 = rec.record(snap(T0 + 30_000, { a: 'up' }));
    expect(s3.warnings).toBeUndefined();
    expect(s3.history?.a.uptime.h24).toBeCloseTo(2 / 3);
    expect(rec.health()).toMatchObject({ ok: true, pending: 0, dropped: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM history_samples').get()).toEqual({ n: 3 });
    expect(events.map((e) => e.type)).toEqual(['down', 'recovered']);
  });

  it('says so when it had to drop rounds', () => {
    const rec = new Recorder({ db: () => null, settings, maxPending: 2 });
    for (let i = 0; i < 5; i++) rec.record(snap(T0 + i * 1000, { a: 'up' }));
    const s = rec.record(snap(T0 + 9000, { a: 'up' }));
    expect(rec.health()).toMatchObject({ pending: 2, dropped: 4 });
    expect(s.warnings?.[0]).toMatch(/4 round\(s\) were lost/);
  });

  it('rolls back a failed write whole, so a retry does not double count', () => {
    const db = memoryDb();
    const rec = new Recorder({ db: () => db, settings, clock: () => T0 });
    db.exec("CREATE TRIGGER fail BEFORE INSERT ON history_incidents BEGIN SELECT RAISE(ABORT, 'no room'); END");
    rec.record(snap(T0, { a: 'down' }));
    expect(rec.health().ok).toBe(false);
    expect(db.prepare('SELECT count(*) AS n FROM history_samples').get()).toEqual({ n: 0 });
    db.exec('DROP TRIGGER fail');
    rec.record(snap(T0 + 1000, { a: 'down' }));
    expect(db.prepare('SELECT count(*) AS n FROM history_samples').get()).toEqual({ n: 2 });
    expect(db.prepare('SELECT count(*) AS n FROM history_incidents').get()).toEqual({ n: 1 });
  });
});
