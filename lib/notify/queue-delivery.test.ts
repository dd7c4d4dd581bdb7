import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MATRIX_DEMO, startMatrixSim, type MatrixSim } from '../../demo/lab/matrix-sim.mjs';
import { startNtfySink, type Sink } from '../../demo/lab/ntfy-sink.mjs';
import type { SimServer } from '../../demo/lab/sim-server.mjs';
import type { Db } from '../db';
import { alertKey, type AlertEvent } from './events';
import { requestJson } from './json-http';
import { MatrixClient } from './matrix';
import { renderAlert } from './messages';
import { claimDue, enqueue, getDelivery, recordAttempt, releaseClaims, type AttemptResult, type RetryPolicy } from './queue-store';
import { openQueueDb } from './queue-test-helpers';

// The queue with real deliveries over loopback: the Matrix simulator and the ntfy-like sink.
// The clock the queue sees is a fake one; the sockets are real.

let matrix: MatrixSim;
let matrixServer: SimServer;
let sink: Sink;
let sinkServer: SimServer;
let dir: string;
let file: string;
let db: Db;

const T0 = Date.UTC(2026, 4, 1, 10, 0);
const down: AlertEvent = { type: 'down', incidentId: 3, service: 'jellyfin', name: 'Jellyfin', machine: 'mini-vm', at: T0, reason: 'connection refused' };
const policies: Record<string, RetryPolicy> = { matrix: { attemptsBeforeFallback: 2, fallback: 'ntfy', baseMs: 1000 }, ntfy: { attemptsBeforeFallback: 3 } };

async function ntfyPost(text: string, title: string): Promise<AttemptResult> {
  const r = await requestJson(`${sinkServer.url}/mini-vm`, { method: 'POST', body: { text, title }, timeoutMs: 2000 });
  if (!r.ok) return { ok: false, code: r.error, message: r.message, retryable: true };
  return r.status === 200 ? { ok: true } : { ok: false, code: 'http-error', message: `HTTP ${r.status}`, retryable: true };
}

/** One pass of a delivery worker at fake time `now`: claim what is due, send it, record it. */
async function deliverDue(now: number): Promise<string[]> {
  const client = new MatrixClient({ homeserver: matrixServer.url, room: MATRIX_DEMO.alias, token: MATRIX_DEMO.token }, { timeoutMs: 1000 });
  const seen: string[] = [];
  for (const row of claimDue(db, now)) {
    const m = renderAlert(row.payload as AlertEvent, { tz: 'UTC', late: row.late ? { deliveredAt: now } : undefined });
    const out = row.notifier === 'matrix' ? await client.send(m, row.eventKey) : await ntfyPost(m.plain, m.title);
    const rec = recordAttempt(db, row.id, out, now, policies[row.notifier]);
    seen.push(`${row.notifier}:${rec.state}`);
  }
  return seen;
}
const enqueueDown = () => enqueue(db, { notifier: 'matrix', eventKey: alertKey(down), category: 'down', payload: down, eventAt: T0 }, T0);

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
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-delivery-'));
  file = path.join(dir, 'q.sqlite');
  db = openQueueDb(file);
  return () => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
});

describe('a restart of the dashboard in the middle of a retry', () => {
  it('delivers the pending event exactly once, although the first attempt was posted and its answer lost', async () => {
    const { id } = enqueueDown();
    matrix.setMode({ mode: 'drop-answer', times: 1 });
    expect(await deliverDue(T0)).toEqual(['matrix:pending']);
    expect(matrix.received().messages).toHaveLength(1); // posted, but we could not know
    db.close();
    db = openQueueDb(file);
    releaseClaims(db);
    expect(await deliverDue(T0 + 500)).toEqual([]); // its retry is not due yet
    expect(await deliverDue(T0 + 1000)).toEqual(['matrix:delivered']);
    expect(await deliverDue(T0 + 60_000)).toEqual([]);
    expect(matrix.received().messages).toHaveLength(1);
    expect(getDelivery(db, id)).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('the process died between the send and its record: the lease is void after the restart, and the resend posts nothing new', async () => {
    enqueueDown();
    const [row] = claimDue(db, T0);
    const client = new MatrixClient({ homeserver: matrixServer.url, room: MATRIX_DEMO.roomId, token: MATRIX_DEMO.token });
    expect(await client.send(renderAlert(down), row.eventKey)).toMatchObject({ ok: true });
    db.close();
    db = openQueueDb(file);
    expect(await deliverDue(T0 + 1)).toEqual([]); // still leased: a running worker would be sending it
    releaseClaims(db);
    expect(await deliverDue(T0 + 1)).toEqual(['matrix:delivered']);
    expect(matrix.received().messages).toHaveLength(1);
  });
});

describe('Synapse down', () => {
  it('goes to the fallback, and the Matrix message arrives late once Synapse is back', async () => {
    await matrixServer.setCondition('refuse');
    const { id } = enqueueDown();
    expect(await deliverDue(T0)).toEqual(['matrix:pending']);
    expect(await deliverDue(T0 + 1000)).toEqual(['matrix:pending']); // the second failure routes it
    expect(getDelivery(db, id)).toMatchObject({ routedTo: 'ntfy', late: true, resultCode: 'refused' });
    expect(await deliverDue(T0 + 1500)).toEqual(['ntfy:delivered']);
    expect(sink.received().received.map((m) => (m.json as { text: string }).text)).toEqual(['Jellyfin is down: connection refused']);
    await matrixServer.setCondition('up');
    expect(await deliverDue(T0 + 3000)).toEqual(['matrix:delivered']);
    const posted = matrix.received().messages;
    expect(posted).toHaveLength(1);
    expect(posted[0].content.body).toBe('Jellyfin is down: connection refused\nDelivered late: this happened at Fri 10:00, 3 s earlier.');
    expect(getDelivery(db, id)).toMatchObject({ state: 'delivered', late: true, attempts: 3 });
  });
});
