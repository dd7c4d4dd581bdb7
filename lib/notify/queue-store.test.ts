import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import {
  backoffMs,
  claimDue,
  enqueue,
  getDelivery,
  lastEnqueuedAt,
  nextDueAt,
  pruneQueue,
  recentDeliveries,
  recordAttempt,
  releaseClaims,
  type AttemptResult,
} from './queue-store';
import { openQueueDb } from './queue-test-helpers';

const T0 = Date.UTC(2026, 4, 1, 10, 0);
const S = 1000;
const ev = (key = 'down:1', eventAt = T0) => ({ notifier: 'matrix', eventKey: key, category: 'down', payload: { type: 'down', key }, eventAt });
const refused: AttemptResult = { ok: false, code: 'refused', message: 'the homeserver refused the connection', retryable: true };
const policy = { attemptsBeforeFallback: 3, fallback: 'ntfy' };

let dir: string;
let db: Db;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-'));
  db = openQueueDb(path.join(dir, 'q.sqlite'));
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('enqueue and claim', () => {
  it('is idempotent per event key and notifier', () => {
    const a = enqueue(db, ev(), T0);
    expect(a.created).toBe(true);
    expect(enqueue(db, ev(), T0 + S)).toEqual({ id: a.id, created: false });
    expect(enqueue(db, { ...ev(), notifier: 'ntfy' }, T0).created).toBe(true);
    expect(getDelivery(db, a.id)).toMatchObject({ state: 'pending', attempts: 0, nextAt: T0, createdAt: T0, payload: { type: 'down' }, late: false });
  });

  it('claims what is due, once, until its lease runs out', () => {
    const { id } = enqueue(db, ev(), T0);
    enqueue(db, { ...ev('down:2'), notifier: 'ntfy' }, T0 + 10 * S);
    expect(claimDue(db, T0 - 1)).toEqual([]);
    expect(claimDue(db, T0, { leaseMs: 30 * S }).map((r) => r.id)).toEqual([id]);
    expect(claimDue(db, T0 + 5 * S)).toEqual([]);
    expect(claimDue(db, T0 + 30 * S, { notifier: 'matrix' }).map((r) => r.id)).toEqual([id]);
    expect(nextDueAt(db)).toBe(T0);
  });
});

describe('attempts', () => {
  it('back off by doubling, capped; a 429 waits as long as the server asks', () => {
    expect([1, 2, 3, 4, 10, 30].map((n) => backoffMs(n))).toEqual([5000, 10_000, 20_000, 40_000, 900_000, 900_000]);
    const { id } = enqueue(db, ev(), T0);
    const p = { attemptsBeforeFallback: 99, baseMs: 1000, capMs: 4000 };
    const waits = [1, 2, 3, 4].map((i) => {
      const now = T0 + i * 60 * S;
      return recordAttempt(db, id, refused, now, p).nextAt! - now;
    });
    expect(waits).toEqual([1000, 2000, 4000, 4000]);
    const now = T0 + 10 * 60 * S;
    const limited = recordAttempt(db, id, { ok: false, code: 'M_LIMIT_EXCEEDED', message: 'slow down', retryable: true, retryAfterMs: 3_600_000 }, now, p);
    expect(limited).toEqual({ state: 'pending', nextAt: now + 3_600_000 });
    expect(getDelivery(db, id)).toMatchObject({ attempts: 5, resultCode: 'M_LIMIT_EXCEEDED', result: 'slow down' });
  });

  it('delivered: recorded once; a second record changes nothing', () => {
    const { id } = enqueue(db, ev(), T0);
    expect(recordAttempt(db, id, { ok: true }, T0 + 2 * S, policy)).toEqual({ state: 'delivered' });
    expect(recordAttempt(db, id, refused, T0 + 3 * S, policy)).toEqual({ state: 'delivered' });
    expect(getDelivery(db, id)).toMatchObject({ state: 'delivered', attempts: 1, deliveredAt: T0 + 2 * S, late: false });
    expect(claimDue(db, T0 + 1e9)).toEqual([]);
  });

  it('a final error fails at once, and the fallback gets the event', () => {
    const { id } = enqueue(db, ev(), T0);
    const r = recordAttempt(db, id, { ok: false, code: 'M_FORBIDDEN', message: 'not in the room', retryable: false }, T0, policy);
    expect(r).toMatchObject({ state: 'failed', routed: { notifier: 'ntfy', created: true } });
    expect(getDelivery(db, r.routed!.id)).toMatchObject({ notifier: 'ntfy', eventKey: 'down:1', fallbackOf: id, state: 'pending' });
    expect(getDelivery(db, id)).toMatchObject({ state: 'failed', routedTo: 'ntfy' });
  });

  it('gives up after giveUpAfterMs', () => {
    const { id } = enqueue(db, ev(), T0);
    expect(recordAttempt(db, id, refused, T0 + 25 * 3600 * S, { attemptsBeforeFallback: 99 })).toEqual({ state: 'failed', routed: undefined });
  });
});

describe('the fallback path', () => {
  it('after the retries, the fallback gets it (once, whatever else); the original is still delivered later, marked late', () => {
    const { id } = enqueue(db, ev(), T0);
    let now = T0;
    const results = [1, 2, 3].map(() => {
      const r = recordAttempt(db, id, refused, now, policy);
      now = r.nextAt!;
      return r;
    });
    expect(results.map((r) => r.routed?.notifier ?? null)).toEqual([null, null, 'ntfy']);
    const copy = getDelivery(db, results[2].routed!.id)!;
    expect(copy).toMatchObject({ notifier: 'ntfy', fallbackOf: id, category: 'down', payload: { type: 'down', key: 'down:1' } });
    expect(getDelivery(db, id)).toMatchObject({ state: 'pending', late: true, routedTo: 'ntfy' });
    // More failures do not route again, and a fallback copy is never routed further.
    expect(recordAttempt(db, id, refused, now, policy).routed).toBeUndefined();
    expect(recordAttempt(db, copy.id, refused, now, { attemptsBeforeFallback: 1, fallback: 'matrix' }).routed).toBeUndefined();
    recordAttempt(db, copy.id, { ok: true }, now + S, policy);
    recordAttempt(db, id, { ok: true }, now + 60 * S, policy);
    expect(getDelivery(db, id)).toMatchObject({ state: 'delivered', late: true });
  });

  it('a fallback that already had the event keeps its one row', () => {
    const own = enqueue(db, { ...ev(), notifier: 'ntfy' }, T0);
    const { id } = enqueue(db, ev(), T0);
    const r = recordAttempt(db, id, { ok: false, code: 'M_UNKNOWN_TOKEN', message: 'revoked', retryable: false }, T0, policy);
    expect(r.routed).toEqual({ id: own.id, notifier: 'ntfy', created: false });
  });

  it('delivered long after the event: late even without a fallback', () => {
    const { id } = enqueue(db, ev(), T0);
    recordAttempt(db, id, { ok: true }, T0 + 11 * 60 * S, { attemptsBeforeFallback: 3 });
    expect(getDelivery(db, id)?.late).toBe(true);
  });
});

describe('a restart', () => {
  it('voids the old leases, keeps the pending rows and their next attempt time', () => {
    const file = path.join(dir, 'q.sqlite');
    const { id } = enqueue(db, ev(), T0);
    claimDue(db, T0, { leaseMs: 3600 * S });
    recordAttempt(db, id, refused, T0 + S, policy);
    enqueue(db, ev('down:2'), T0 + S);
    claimDue(db, T0 + S, { leaseMs: 3600 * S }); // claimed, then the process died
    db.close();
    db = openQueueDb(file);
    expect(releaseClaims(db)).toBe(1);
    expect(claimDue(db, T0 + 2 * S).map((r) => r.eventKey)).toEqual(['down:2']);
    expect(claimDue(db, T0 + 6 * S).map((r) => [r.eventKey, r.attempts])).toEqual([['down:1', 1]]);
  });
});

describe('the page and housekeeping', () => {
  it('lists the newest first with the delay, at most the limit', () => {
    for (let i = 0; i < 205; i++) enqueue(db, ev(`down:${i}`, T0 + i * S), T0 + i * S);
    const first = recentDeliveries(db)[0];
    recordAttempt(db, first.id, { ok: true }, T0 + 300 * S, policy);
    const list = recentDeliveries(db);
    expect(list).toHaveLength(200);
    expect(list[0]).toMatchObject({ eventKey: 'down:204', state: 'delivered', delayMs: 96 * S });
    expect(list[1].delayMs).toBeNull();
  });

  it('prunes finished rows by age and count; pending rows stay', () => {
    const old = enqueue(db, ev('old'), T0).id;
    recordAttempt(db, old, { ok: true }, T0, policy);
    enqueue(db, ev('pending-old'), T0);
    const now = T0 + 31 * 24 * 3600 * S;
    for (let i = 0; i < 3; i++) recordAttempt(db, enqueue(db, ev(`new:${i}`), now + i).id, { ok: true }, now + i, policy);
    expect(pruneQueue(db, now + 10, { keepRows: 2 })).toBe(2);
    expect(recentDeliveries(db).map((r) => r.eventKey)).toEqual(['new:2', 'new:1', 'pending-old']);
  });

  it("tells when a notifier last got a reminder for an incident", () => {
    enqueue(db, ev('reminder:7:1'), T0 + 60 * S);
    enqueue(db, ev('reminder:7:2'), T0 + 120 * S);
    enqueue(db, ev('reminder:71:9'), T0 + 999 * S);
    expect(lastEnqueuedAt(db, 'matrix', 'reminder:7:')).toBe(T0 + 120 * S);
    expect(lastEnqueuedAt(db, 'ntfy', 'reminder:7:')).toBeNull();
  });
});
