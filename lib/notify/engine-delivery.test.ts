import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MATRIX_DEMO } from '../../demo/lab/matrix-sim.mjs';
import type { Db } from '../db';
import { ALERTS_DDL, memoryAlertsDb } from './alerts-db';
import { channels, MIN, rig, round, T0 } from './engine-test-helpers';
import { down, posted, recovered, s, settle, sunk, useEngineRig } from './engine-test-setup';
import { recentDeliveries } from './queue-store';

// Delivery end to end inside one process: real HTTP to the lab's Matrix simulator and sink on
// loopback, a SQLite queue, and a clock the test moves.

useEngineRig();

describe('a service down and back', () => {
  it('one Matrix message for the outage and one for its recovery; a repeat of either says nothing', async () => {
    s.r.engine.onRound(round({ jellyfin: 'down' }));
    s.r.engine.submit(down());
    s.r.engine.submit(down());
    await settle();
    s.r.engine.submit(recovered(T0 + 5 * MIN));
    await settle(T0 + 5 * MIN);
    s.r.engine.submit(recovered(T0 + 5 * MIN));
    await settle();
    expect(posted()).toEqual(['Jellyfin is down: connection refused', 'Jellyfin is back, after 5 min down.']);
    expect(s.matrix.received().messages[0].content).toMatchObject({ msgtype: 'm.notice', formatted_body: '<strong>Jellyfin</strong> is down: connection refused' });
    // The fallback is for what Matrix cannot deliver: it got nothing.
    expect(sunk()).toEqual([]);
  });
});

describe('faults', () => {
  it('Synapse down: the fallback gets it after the retries, and the Matrix message arrives late once Synapse is back', async () => {
    await s.matrixServer.setCondition('refuse');
    s.r.engine.submit(down());
    await settle();
    expect(sunk()).toEqual([]);
    await settle(T0 + 1000);
    expect(sunk()).toEqual(['Jellyfin is down: connection refused']);
    await s.matrixServer.setCondition('up');
    await settle(T0 + 3000);
    expect(posted()).toEqual(['Jellyfin is down: connection refused\nDelivered late: this happened at Fri 10:00, 3 s earlier.']);
    const [fallbackCopy, original] = recentDeliveries(s.r.rt.db);
    expect(original).toMatchObject({ notifier: 'matrix', state: 'delivered', late: true, routedTo: 'phone', attempts: 3 });
    expect(fallbackCopy).toMatchObject({ notifier: 'phone', state: 'delivered', fallbackOf: original.id });
    expect(s.r.logs.join('\n')).toMatch(/handed to the fallback phone/);
  });

  it('a 429 waits as long as the homeserver asks, then posts once', async () => {
    s.matrix.setMode({ mode: 'rate-limit', times: 1, retryAfterMs: 30_000 });
    s.r.engine.submit(down());
    await settle();
    const [row] = recentDeliveries(s.r.rt.db);
    expect(row).toMatchObject({ state: 'pending', resultCode: 'M_LIMIT_EXCEEDED', nextAt: T0 + 30_000 });
    expect(row.result).toMatch(/rate-limiting the bot.*in 30 s/);
    await settle(T0 + 29_999);
    expect(posted()).toEqual([]);
    await settle(T0 + 30_000);
    expect(posted()).toHaveLength(1);
  });

  it('a garbage answer is retried with the same txnId: posted once', async () => {
    s.matrix.setMode({ mode: 'garbage', times: 1 });
    s.r.engine.submit(down());
    await settle();
    expect(recentDeliveries(s.r.rt.db)[0]).toMatchObject({ state: 'pending', resultCode: 'garbage' });
    await settle(T0 + 1000);
    expect(posted()).toHaveLength(1);
    expect(new Set(s.matrix.received().attempts.filter((a) => a.kind === 'send').map((a) => a.txnId)).size).toBe(1);
  });

  it('a wrong token fails at once, in words, and goes to the fallback; the token is in no row and no log line', async () => {
    s.r.engine.stop();
    s.r = rig(memoryAlertsDb(), new Map([...channels(s.matrixServer.url, s.sinkServer.url, {})].map(([k, c]) => [k, c])));
    s.matrix.setMode({ mode: 'unknown-token' });
    s.r.engine.submit(down());
    await settle();
    const rows = recentDeliveries(s.r.rt.db);
    expect(rows.find((x) => x.notifier === 'matrix')).toMatchObject({ state: 'failed', resultCode: 'M_UNKNOWN_TOKEN', attempts: 1 });
    expect(rows.find((x) => x.notifier === 'matrix')!.result).toMatch(/access token is wrong or was revoked/);
    expect(sunk()).toEqual(['Jellyfin is down: connection refused']);
    const everything = JSON.stringify(s.r.rt.db.prepare('SELECT * FROM notify_queue').all()) + s.r.logs.join('\n');
    expect(everything).not.toContain(MATRIX_DEMO.token);
  });

  it('a homeserver that hangs is given up per attempt, and the fallback is not held up by it', async () => {
    s.matrix.setMode({ mode: 'hang' });
    s.r.engine.submit(down());
    await settle();
    expect(recentDeliveries(s.r.rt.db)[0]).toMatchObject({ resultCode: 'timeout' });
    await settle(T0 + 1000);
    expect(sunk()).toHaveLength(1);
  });
});

describe('filters and tests', () => {
  it('a notifier takes only its events; a fallback-only one (events: []) gets nothing of its own; a test goes to one notifier alone', async () => {
    s.r.engine.stop();
    s.r = rig(memoryAlertsDb(), channels(s.matrixServer.url, s.sinkServer.url, { matrix: { events: ['down'] } }));
    s.r.engine.submit(down());
    s.r.engine.submit(recovered(T0 + MIN));
    await settle(T0 + MIN);
    expect(posted()).toEqual(['Jellyfin is down: connection refused']);
    expect(sunk()).toEqual([]);
    const { sendTest } = await import('./actions');
    expect(await sendTest(s.r.engine, 'phone')).toMatchObject({ ok: true, value: { state: 'delivered', attempts: 1 } });
    expect(sunk()).toEqual(['Test message from the mini-vm dashboard, through phone.']);
    expect(await sendTest(s.r.engine, 'nobody')).toMatchObject({ ok: false, status: 404 });
    // A test of a notifier that fails goes nowhere else.
    s.matrix.setMode({ mode: 'forbidden' });
    expect(await sendTest(s.r.engine, 'matrix')).toMatchObject({ ok: true, value: { state: 'failed', resultCode: 'M_FORBIDDEN', routedTo: null } });
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
    s.r.engine.stop();
    let db = open();
    s.r = rig(db, channels(s.matrixServer.url, s.sinkServer.url));
    s.matrix.setMode({ mode: 'drop-answer', times: 1 });
    s.r.engine.submit(down());
    await settle();
    expect(recentDeliveries(db)[0]).toMatchObject({ state: 'pending', attempts: 1 });
    s.r.engine.stop();
    db.close();
    db = open();
    s.r = rig(db, channels(s.matrixServer.url, s.sinkServer.url));
    await settle(T0 + 1000);
    expect(recentDeliveries(db)[0]).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(posted()).toHaveLength(1);
    s.r.engine.stop();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the store keeps deciding once', () => {
  it('a fault of the store is a fault line, not a crash, and nothing is sent for it', async () => {
    const db = memoryAlertsDb();
    s.r.engine.stop();
    s.r = rig(db, channels(s.matrixServer.url, s.sinkServer.url));
    db.exec('DROP TABLE notify_events');
    s.r.engine.submit(down());
    await settle();
    expect(s.r.logs.some((l) => l.startsWith('FAULT notifications: the down event could not be recorded'))).toBe(true);
    expect(posted()).toEqual([]);
  });
});
