import { describe, expect, it } from 'vitest';
import { memoryAlertsDb } from './alerts-db';
import { channels, MIN, rig, round, T0 } from './engine-test-helpers';
import { down, posted, recovered, s, settle, useEngineRig } from './engine-test-setup';
import { recentDecisions } from './event-log';

// What is kept quiet and what is said instead: rebuild windows, scheduled windows, silences,
// reminders and hops, against the lab's Matrix simulator, on a clock the test moves.

useEngineRig();

describe('quiet during a rebuild', () => {
  const job = { id: 'r1', kind: 'rebuild' as const, machine: 'mini-vm', label: 'rebuild of mini-vm at Fri 10:00' };

  it('a rebuild that restarts Jellyfin sends no down alert, and one summary when its window closes', async () => {
    s.r.jobs.push({ job, startedAt: T0 - MIN, endedAt: null, outcome: 'running' });
    s.r.engine.onRound(round({ jellyfin: 'down' }));
    s.r.engine.submit(down(T0));
    await settle();
    s.r.engine.onRound(round());
    s.r.engine.submit(recovered(T0 + 20_000));
    s.r.jobs[0] = { ...s.r.jobs[0], endedAt: T0 + 30_000, outcome: 'succeeded' };
    s.r.engine.submit({ type: 'job', job: { ...job, outcome: 'succeeded' }, at: T0 + 30_000 });
    await settle(T0 + 30_000);
    s.r.engine.onRound(round());
    await settle(T0 + 149_999);
    expect(posted()).toEqual([]);
    s.r.clock.now = T0 + 150_000;
    s.r.engine.onRound(round());
    s.r.engine.onRound(round());
    await settle();
    expect(posted()).toEqual(['Rebuild of mini-vm at Fri 10:00 succeeded; all services back.']);
    const held = recentDecisions(s.r.rt.db, 10, true);
    expect(held.map((d) => [d.event.type, d.action, d.quietLabel])).toEqual([
      ['job', 'drop', null],
      ['recovered', 'hold', job.label],
      ['down', 'hold', job.label],
    ]);
  });

  it('a service still down when the window closes: the summary is a real alert, and its recovery is told', async () => {
    s.r.jobs.push({ job, startedAt: T0 - MIN, endedAt: T0, outcome: 'succeeded' });
    s.r.incidents.push({ id: 1, service: 'jellyfin', startedAt: T0, reason: 'connection refused' });
    s.r.engine.submit(down(T0));
    s.r.clock.now = T0 + 120_000;
    s.r.engine.onRound(round({ jellyfin: 'down' }));
    await settle();
    s.r.incidents.length = 0;
    s.r.engine.submit(recovered(T0 + 10 * MIN));
    await settle(T0 + 10 * MIN);
    expect(posted()).toEqual(['After rebuild of mini-vm at Fri 10:00, Jellyfin is still down.', 'Jellyfin is back, after 10 min down.']);
  });
});

describe('silences', () => {
  const silenceFor = async (duration: '1h' | 'recovery') => {
    const { silence } = await import('./actions');
    const cfg = { machines: [{ name: 'mini-vm', services: [{ id: 'jellyfin', name: 'Jellyfin' }] }] } as never;
    return silence(s.r.engine, cfg, { machine: 'mini-vm', service: 'jellyfin', duration, reason: 'moving the media disk' });
  };

  it('holds alerts, ends by itself after its hour, and says so when the service is still down', async () => {
    s.r.engine.onRound(round());
    expect(await silenceFor('1h')).toMatchObject({ ok: true, value: { service: 'jellyfin', until: T0 + 3600_000 } });
    s.r.engine.submit(down(T0 + MIN));
    await settle(T0 + MIN);
    expect(posted()).toEqual([]);
    expect(s.r.engine.onRound(round({ jellyfin: 'down' })).silences).toHaveLength(1);
    s.r.clock.now = T0 + 3600_000;
    expect(s.r.engine.onRound(round({ jellyfin: 'down' })).silences).toEqual([]);
    await settle();
    expect(posted()).toEqual(['The silence on Jellyfin ended; Jellyfin is still down.']);
  });

  it('"until it recovers" needs an outage, and ends when the service is back, with nothing sent', async () => {
    s.r.engine.onRound(round());
    expect(await silenceFor('recovery')).toMatchObject({ ok: false, status: 409 });
    s.r.engine.onRound(round({ jellyfin: 'down' }));
    expect(await silenceFor('recovery')).toMatchObject({ ok: true, value: { until: null } });
    s.r.engine.submit(down(T0));
    await settle();
    s.r.engine.onRound(round());
    s.r.engine.submit(recovered(T0 + MIN));
    await settle(T0 + MIN);
    expect(s.r.engine.onRound(round()).silences).toEqual([]);
    expect(posted()).toEqual([]);
  });
});

describe('reminders, on a fake clock', () => {
  it('"still down" every remindEveryMinutes after the alert, none in between, none after recovery', async () => {
    s.r.engine.stop();
    s.r = rig(memoryAlertsDb(), channels(s.matrixServer.url, s.sinkServer.url, { matrix: { remindEveryMinutes: 60 } }));
    s.r.incidents.push({ id: 1, service: 'jellyfin', startedAt: T0, reason: 'connection refused' });
    s.r.engine.onRound(round({ jellyfin: 'down' }));
    s.r.engine.submit(down(T0));
    await settle();
    for (const at of [59, 60, 90, 119, 130]) {
      s.r.clock.now = T0 + at * MIN;
      s.r.engine.onRound(round({ jellyfin: 'down' }));
      await settle();
    }
    s.r.incidents.length = 0;
    s.r.engine.submit(recovered(T0 + 140 * MIN));
    await settle(T0 + 140 * MIN);
    s.r.clock.now = T0 + 200 * MIN;
    s.r.engine.onRound(round());
    await settle();
    expect(posted()).toEqual([
      'Jellyfin is down: connection refused',
      'Jellyfin still down, for 1 h: connection refused',
      'Jellyfin still down, for 2 h 10 min: connection refused',
      'Jellyfin is back, after 2 h 20 min down.',
    ]);
  });
});

describe('an access hop that fails for every service behind it', () => {
  const withPaths = (bee: 'up' | 'down') => ({
    machines: [
      {
        name: 'mini-vm',
        state: 'running',
        services: [{ id: 'jellyfin', name: 'Jellyfin', state: 'up', paths: [{ via: 'direct', state: 'up' as const, cause: 'expected-status' as const, httpStatus: 200, latencyMs: 2 }, bee === 'up' ? { via: 'bee', state: 'up' as const, cause: 'expected-status' as const, httpStatus: 200, latencyMs: 3 } : { via: 'bee', state: 'down' as const, cause: 'status' as const, httpStatus: 502, latencyMs: 3 }] }],
      },
    ],
  });

  it('one alert naming the hop, one when it answers again', async () => {
    s.r.engine.onRound(withPaths('down'));
    s.r.engine.onRound(withPaths('down'));
    await settle();
    s.r.clock.now = T0 + 2 * MIN;
    s.r.engine.onRound(withPaths('up'));
    await settle();
    expect(posted()).toEqual(["bee's Caddy fails for every service behind it (Jellyfin): the service answered HTTP 502", "bee's Caddy answers again, after 2 min."]);
  });
});

describe('a scheduled maintenance window', () => {
  it('holds what happens in it, then one summary, crossing midnight in the Mac mini\'s zone', async () => {
    s.r.engine.stop();
    // Fri 23:50 in UTC for 20 minutes: it ends on Saturday.
    const scheduled = [{ days: ['fri' as const], at: '23:50', minutes: 20 }];
    s.r = rig(memoryAlertsDb(), channels(s.matrixServer.url, s.sinkServer.url), { scheduled });
    const start = Date.UTC(2026, 4, 1, 23, 50);
    s.r.clock.now = start + MIN;
    s.r.engine.onRound(round({ jellyfin: 'down' }));
    s.r.engine.submit(down(start + MIN));
    await settle();
    s.r.clock.now = start + 19 * MIN;
    s.r.engine.onRound(round({ jellyfin: 'down' }));
    await settle();
    expect(posted()).toEqual([]);
    s.r.clock.now = start + 20 * MIN;
    s.r.engine.onRound(round({ jellyfin: 'down' }));
    await settle();
    expect(posted()).toEqual(['After the maintenance window (fri 23:50 for 20 min), Jellyfin is still down.']);
  });
});
