import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MATRIX_DEMO, startMatrixSim, type MatrixSim } from '../../demo/lab/matrix-sim.mjs';
import { startNtfySink, type Sink } from '../../demo/lab/ntfy-sink.mjs';
import type { SimServer } from '../../demo/lab/sim-server.mjs';
import Database from 'better-sqlite3';
import type { Db } from '../db';
import { ALERTS_DDL, memoryAlertsDb } from './alerts-db';
import { channels, MIN, rig, round, T0, type Rig } from './engine-test-helpers';
import type { AlertEvent } from './events';
import { recentDecisions } from './event-log';
import { recentDeliveries } from './queue-store';

// The alerting end to end inside one process: real HTTP to the lab's Matrix simulator and sink
// on loopback, a SQLite queue, and a clock the test moves.

let matrix: MatrixSim;
let matrixServer: SimServer;
let sink: Sink;
let sinkServer: SimServer;
let r: Rig;

const down = (at = T0, incidentId = 1): AlertEvent => ({ type: 'down', incidentId, service: 'jellyfin', name: 'Jellyfin', machine: 'mini-vm', at, reason: 'connection refused' });
const recovered = (at: number, incidentId = 1): AlertEvent => ({ type: 'recovered', incidentId, service: 'jellyfin', name: 'Jellyfin', machine: 'mini-vm', at, downForMs: at - T0 });
const posted = () => matrix.received().messages.map((m) => String(m.content.body));
const sunk = () => sink.received().received.map((m) => m.message);

/** Decide what was submitted and deliver what is due at the rig's clock. */
async function settle(at?: number) {
  if (at !== undefined) r.clock.now = at;
  r.engine.flush();
  r.engine.worker.kick();
  await r.engine.idle();
}

beforeAll(async () => {
  ({ matrix, server: matrixServer } = await startMatrixSim());
  ({ sink, server: sinkServer } = await startNtfySink());
});
afterAll(async () => {
  await matrixServer.stop();
  await sinkServer.stop();
});
beforeEach(async () => {
  matrix.reset();
  sink.reset();
  await matrixServer.setCondition('up');
  r = rig(memoryAlertsDb(), channels(matrixServer.url, sinkServer.url));
  return () => r.engine.stop();
});

describe('a service down and back', () => {
  it('one Matrix message for the outage and one for its recovery; a repeat of either says nothing', async () => {
    r.engine.onRound(round({ jellyfin: 'down' }));
    r.engine.submit(down());
    r.engine.submit(down());
    await settle();
    r.engine.submit(recovered(T0 + 5 * MIN));
    await settle(T0 + 5 * MIN);
    r.engine.submit(recovered(T0 + 5 * MIN));
    await settle();
    expect(posted()).toEqual(['Jellyfin is down: connection refused', 'Jellyfin is back, after 5 min down.']);
    expect(matrix.received().messages[0].content).toMatchObject({ msgtype: 'm.notice', formatted_body: '<strong>Jellyfin</strong> is down: connection refused' });
    // The fallback is for what Matrix cannot deliver: it got nothing.
    expect(sunk()).toEqual([]);
  });
});

describe('faults', () => {
  it('Synapse down: the fallback gets it after the retries, and the Matrix message arrives late once Synapse is back', async () => {
    await matrixServer.setCondition('refuse');
    r.engine.submit(down());
    await settle();
    expect(sunk()).toEqual([]);
    await settle(T0 + 1000);
    expect(sunk()).toEqual(['Jellyfin is down: connection refused']);
    await matrixServer.setCondition('up');
    await settle(T0 + 3000);
    expect(posted()).toEqual(['Jellyfin is down: connection refused\nDelivered late: this happened at Fri 10:00, 3 s earlier.']);
    const [fallbackCopy, original] = recentDeliveries(r.rt.db);
    expect(original).toMatchObject({ notifier: 'matrix', state: 'delivered', late: true, routedTo: 'phone', attempts: 3 });
    expect(fallbackCopy).toMatchObject({ notifier: 'phone', state: 'delivered', fallbackOf: original.id });
    expect(r.logs.join('\n')).toMatch(/handed to the fallback phone/);
  });

  it('a 429 waits as long as the homeserver asks, then posts once', async () => {
    matrix.setMode({ mode: 'rate-limit', times: 1, retryAfterMs: 30_000 });
    r.engine.submit(down());
    await settle();
    const [row] = recentDeliveries(r.rt.db);
    expect(row).toMatchObject({ state: 'pending', resultCode: 'M_LIMIT_EXCEEDED', nextAt: T0 + 30_000 });
    expect(row.result).toMatch(/rate-limiting the bot.*in 30 s/);
    await settle(T0 + 29_999);
    expect(posted()).toEqual([]);
    await settle(T0 + 30_000);
    expect(posted()).toHaveLength(1);
  });

  it('a garbage answer is retried with the same txnId: posted once', async () => {
    matrix.setMode({ mode: 'garbage', times: 1 });
    r.engine.submit(down());
    await settle();
    expect(recentDeliveries(r.rt.db)[0]).toMatchObject({ state: 'pending', resultCode: 'garbage' });
    await settle(T0 + 1000);
    expect(posted()).toHaveLength(1);
    expect(new Set(matrix.received().attempts.filter((a) => a.kind === 'send').map((a) => a.txnId)).size).toBe(1);
  });

  it('a wrong token fails at once, in words, and goes to the fallback; the token is in no row and no log line', async () => {
    r.engine.stop();
    r = rig(memoryAlertsDb(), new Map([...channels(matrixServer.url, sinkServer.url, {})].map(([k, c]) => [k, c])));
    matrix.setMode({ mode: 'unknown-token' });
    r.engine.submit(down());
    await settle();
    const rows = recentDeliveries(r.rt.db);
    expect(rows.find((x) => x.notifier === 'matrix')).toMatchObject({ state: 'failed', resultCode: 'M_UNKNOWN_TOKEN', attempts: 1 });
    expect(rows.find((x) => x.notifier === 'matrix')!.result).toMatch(/access token is wrong or was revoked/);
    expect(sunk()).toEqual(['Jellyfin is down: connection refused']);
    const everything = JSON.stringify(r.rt.db.prepare('SELECT * FROM notify_queue').all()) + r.logs.join('\n');
    expect(everything).not.toContain(MATRIX_DEMO.token);
  });

  it('a homeserver that hangs is given up per attempt, and the fallback is not held up by it', async () => {
    matrix.setMode({ mode: 'hang' });
    r.engine.submit(down());
    await settle();
    expect(recentDeliveries(r.rt.db)[0]).toMatchObject({ resultCode: 'timeout' });
    await settle(T0 + 1000);
    expect(sunk()).toHaveLength(1);
  });
});

describe('quiet during a rebuild', () => {
  const job = { id: 'r1', kind: 'rebuild' as const, machine: 'mini-vm', label: 'rebuild of mini-vm at Fri 10:00' };

  it('a rebuild that restarts Jellyfin sends no down alert, and one summary when its window closes', async () => {
    r.jobs.push({ job, startedAt: T0 - MIN, endedAt: null, outcome: 'running' });
    r.engine.onRound(round({ jellyfin: 'down' }));
    r.engine.submit(down(T0));
    await settle();
    r.engine.onRound(round());
    r.engine.submit(recovered(T0 + 20_000));
    r.jobs[0] = { ...r.jobs[0], endedAt: T0 + 30_000, outcome: 'succeeded' };
    r.engine.submit({ type: 'job', job: { ...job, outcome: 'succeeded' }, at: T0 + 30_000 });
    await settle(T0 + 30_000);
    r.engine.onRound(round());
    await settle(T0 + 149_999);
    expect(posted()).toEqual([]);
    r.clock.now = T0 + 150_000;
    r.engine.onRound(round());
    r.engine.onRound(round());
    await settle();
    expect(posted()).toEqual(['Rebuild of mini-vm at Fri 10:00 succeeded; all services back.']);
    const held = recentDecisions(r.rt.db, 10, true);
    expect(held.map((d) => [d.event.type, d.action, d.quietLabel])).toEqual([
      ['job', 'drop', null],
      ['recovered', 'hold', job.label],
      ['down', 'hold', job.label],
    ]);
  });

  it('a service still down when the window closes: the summary is a real alert, and its recovery is told', async () => {
    r.jobs.push({ job, startedAt: T0 - MIN, endedAt: T0, outcome: 'succeeded' });
    r.incidents.push({ id: 1, service: 'jellyfin', startedAt: T0, reason: 'connection refused' });
    r.engine.submit(down(T0));
    r.clock.now = T0 + 120_000;
    r.engine.onRound(round({ jellyfin: 'down' }));
    await settle();
    r.incidents.length = 0;
    r.engine.submit(recovered(T0 + 10 * MIN));
    await settle(T0 + 10 * MIN);
    expect(posted()).toEqual(['After rebuild of mini-vm at Fri 10:00, Jellyfin is still down.', 'Jellyfin is back, after 10 min down.']);
  });
});

describe('silences', () => {
  const silenceFor = async (duration: '1h' | 'recovery') => {
    const { silence } = await import('./actions');
    const cfg = { machines: [{ name: 'mini-vm', services: [{ id: 'jellyfin', name: 'Jellyfin' }] }] } as never;
    return silence(r.engine, cfg, { machine: 'mini-vm', service: 'jellyfin', duration, reason: 'moving the media disk' });
  };

  it('holds alerts, ends by itself after its hour, and says so when the service is still down', async () => {
    r.engine.onRound(round());
    expect(await silenceFor('1h')).toMatchObject({ ok: true, value: { service: 'jellyfin', until: T0 + 3600_000 } });
    r.engine.submit(down(T0 + MIN));
    await settle(T0 + MIN);
    expect(posted()).toEqual([]);
    expect(r.engine.onRound(round({ jellyfin: 'down' })).silences).toHaveLength(1);
    r.clock.now = T0 + 3600_000;
    expect(r.engine.onRound(round({ jellyfin: 'down' })).silences).toEqual([]);
    await settle();
    expect(posted()).toEqual(['The silence on Jellyfin ended; Jellyfin is still down.']);
  });

  it('"until it recovers" needs an outage, and ends when the service is back, with nothing sent', async () => {
    r.engine.onRound(round());
    expect(await silenceFor('recovery')).toMatchObject({ ok: false, status: 409 });
    r.engine.onRound(round({ jellyfin: 'down' }));
    expect(await silenceFor('recovery')).toMatchObject({ ok: true, value: { until: null } });
    r.engine.submit(down(T0));
    await settle();
    r.engine.onRound(round());
    r.engine.submit(recovered(T0 + MIN));
    await settle(T0 + MIN);
    expect(r.engine.onRound(round()).silences).toEqual([]);
    expect(posted()).toEqual([]);
  });
});

describe('reminders, on a fake clock', () => {
  it('"still down" every remindEveryMinutes after the alert, none in between, none after recovery', async () => {
    r.engine.stop();
    r = rig(memoryAlertsDb(), channels(matrixServer.url, sinkServer.url, { matrix: { remindEveryMinutes: 60 } }));
    r.incidents.push({ id: 1, service: 'jellyfin', startedAt: T0, reason: 'connection refused' });
    r.engine.onRound(round({ jellyfin: 'down' }));
    r.engine.submit(down(T0));
    await settle();
    for (const at of [59, 60, 90, 119, 130]) {
      r.clock.now = T0 + at * MIN;
      r.engine.onRound(round({ jellyfin: 'down' }));
      await settle();
    }
    r.incidents.length = 0;
    r.engine.submit(recovered(T0 + 140 * MIN));
    await settle(T0 + 140 * MIN);
    r.clock.now = T0 + 200 * MIN;
    r.engine.onRound(round());
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
    r.engine.onRound(withPaths('down'));
    r.engine.onRound(withPaths('down'));
    await settle();
    r.clock.now = T0 + 2 * MIN;
    r.engine.onRound(withPaths('up'));
    await settle();
    expect(posted()).toEqual(["bee's Caddy fails for every service behind it (Jellyfin): the service answered HTTP 502", "bee's Caddy answers again, after 2 min."]);
  });
});

describe('filters and tests', () => {
  it('a notifier takes only its events; a fallback-only one (events: []) gets nothing of its own; a test goes to one notifier alone', async () => {
    r.engine.stop();
    r = rig(memoryAlertsDb(), channels(matrixServer.url, sinkServer.url, { matrix: { events: ['down'] } }));
    r.engine.submit(down());
    r.engine.submit(recovered(T0 + MIN));
    await settle(T0 + MIN);
    expect(posted()).toEqual(['Jellyfin is down: connection refused']);
    expect(sunk()).toEqual([]);
    const { sendTest } = await import('./actions');
    expect(await sendTest(r.engine, 'phone')).toMatchObject({ ok: true, value: { state: 'delivered', attempts: 1 } });
    expect(sunk()).toEqual(['Test message from the mini-vm dashboard, through phone.']);
    expect(await sendTest(r.engine, 'nobody')).toMatchObject({ ok: false, status: 404 });
    // A test of a notifier that fails goes nowhere else.
    matrix.setMode({ mode: 'forbidden' });
    expect(await sendTest(r.engine, 'matrix')).toMatchObject({ ok: true, value: { state: 'failed', resultCode: 'M_FORBIDDEN', routedTo: null } });
    expect(sunk()).toHaveLength(1);
  });
});

describe('a restart of the dashboard in the middle of a retry', () => {
  it('delivers the pending event once, although the first attempt was posted and its answer lost', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alerts-restart-'));
    const open = (): Db => {
      const db = new Database(path.join(dir, 'a.sqlite'));
      db.pragma('journal_mode = WAL');
      db.exec(ALERTS_DDL);
      return db;
    };
    r.engine.stop();
    let db = open();
    r = rig(db, channels(matrixServer.url, sinkServer.url));
    matrix.setMode({ mode: 'drop-answer', times: 1 });
    r.engine.submit(down());
    await settle();
    expect(recentDeliveries(db)[0]).toMatchObject({ state: 'pending', attempts: 1 });
    r.engine.stop();
    db.close();
    db = open();
    r = rig(db, channels(matrixServer.url, sinkServer.url));
    await settle(T0 + 1000);
    expect(recentDeliveries(db)[0]).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(posted()).toHaveLength(1);
    r.engine.stop();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('a scheduled maintenance window', () => {
  it('holds what happens in it, then one summary, crossing midnight in the Mac mini\'s zone', async () => {
    r.engine.stop();
    // Fri 23:50 in UTC for 20 minutes: it ends on Saturday.
    const scheduled = [{ days: ['fri' as const], at: '23:50', minutes: 20 }];
    r = rig(memoryAlertsDb(), channels(matrixServer.url, sinkServer.url), { scheduled });
    const start = Date.UTC(2026, 4, 1, 23, 50);
    r.clock.now = start + MIN;
    r.engine.onRound(round({ jellyfin: 'down' }));
    r.engine.submit(down(start + MIN));
    await settle();
    r.clock.now = start + 19 * MIN;
    r.engine.onRound(round({ jellyfin: 'down' }));
    await settle();
    expect(posted()).toEqual([]);
    r.clock.now = start + 20 * MIN;
    r.engine.onRound(round({ jellyfin: 'down' }));
    await settle();
    expect(posted()).toEqual(['After the maintenance window (fri 23:50 for 20 min), Jellyfin is still down.']);
  });
});

describe('the store keeps deciding once', () => {
  it('a fault of the store is a fault line, not a crash, and nothing is sent for it', async () => {
    const db = memoryAlertsDb();
    r.engine.stop();
    r = rig(db, channels(matrixServer.url, sinkServer.url));
    db.exec('DROP TABLE notify_events');
    r.engine.submit(down());
    await settle();
    expect(r.logs.some((l) => l.startsWith('FAULT notifications: the down event could not be recorded'))).toBe(true);
    expect(posted()).toEqual([]);
  });
});
