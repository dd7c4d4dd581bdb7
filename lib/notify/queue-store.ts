import { stmt, withSchema, type Db } from '../db';
import { QUEUE_DDL, toRow, type QueueRow, type QueueState, type RawRow } from './queue-schema';

export { QUEUE_DDL, type QueueRow, type QueueState } from './queue-schema';

// The delivery queue in SQLite. Every event is written per notifier before its first attempt;
// attempts back off (doubling, capped; a 429 waits as long as the server asks); when a notifier's
// retries run out the event is also given to its fallback, and the original is still delivered
// later, marked late. Functions take the connection, so tests use a temp file and "restart" it.

/** The store's connection with the queue table ready, or null when the store is unavailable. */
export function queueDb(): Db | null {
  return withSchema('notify_queue', QUEUE_DDL);
}

export interface NewDelivery {
  notifier: string;
  eventKey: string;
  category: string;
  payload: unknown;
  eventAt: number;
}

/** Write an event for a notifier; a second call for the same key and notifier changes nothing. */
export function enqueue(db: Db, d: NewDelivery, now: number, fallbackOf: number | null = null): { id: number; created: boolean } {
  const r = stmt(
    db,
    `INSERT INTO notify_queue (notifier, event_key, category, payload, next_at, event_at, created_at, fallback_of)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (notifier, event_key) DO NOTHING`,
  ).run(d.notifier, d.eventKey, d.category, JSON.stringify(d.payload), now, d.eventAt, now, fallbackOf);
  if (r.changes > 0) return { id: Number(r.lastInsertRowid), created: true };
  const row = stmt(db, 'SELECT id FROM notify_queue WHERE notifier = ? AND event_key = ?').get(d.notifier, d.eventKey) as { id: number };
  return { id: row.id, created: false };
}

export function getDelivery(db: Db, id: number): QueueRow | null {
  const r = stmt(db, 'SELECT * FROM notify_queue WHERE id = ?').get(id) as RawRow | undefined;
  return r ? toRow(r) : null;
}

/**
 * Take the rows due now, oldest first, and lease them for `leaseMs` so a second worker (or a
 * stuck attempt) does not send them at the same time. A lease that runs out frees the row.
 */
export function claimDue(db: Db, now: number, opts: { limit?: number; leaseMs?: number; notifier?: string } = {}): QueueRow[] {
  const take = db.transaction(() => {
    const rows = stmt(
      db,
      `SELECT * FROM notify_queue WHERE state = 'pending' AND next_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
       AND (? IS NULL OR notifier = ?) ORDER BY next_at, id LIMIT ?`,
    ).all(now, now, opts.notifier ?? null, opts.notifier ?? null, opts.limit ?? 20) as RawRow[];
    const lease = stmt(db, 'UPDATE notify_queue SET claimed_until = ? WHERE id = ?');
    for (const r of rows) lease.run(now + (opts.leaseMs ?? 60_000), r.id);
    return rows.map(toRow);
  });
  return take();
}

/** After a restart nothing is in flight: every lease the old process held is void. */
export function releaseClaims(db: Db): number {
  return stmt(db, "UPDATE notify_queue SET claimed_until = NULL WHERE state = 'pending' AND claimed_until IS NOT NULL").run().changes;
}

/** When the next pending row falls due (to set a timer), or null when nothing waits. */
export function nextDueAt(db: Db): number | null {
  const r = stmt(db, "SELECT MIN(next_at) AS t FROM notify_queue WHERE state = 'pending'").get() as { t: number | null };
  return r.t;
}

export type AttemptResult =
  | { ok: true }
  | { ok: false; code: string; message: string; retryable: boolean; retryAfterMs?: number };

export interface RetryPolicy {
  /** Attempts before the fallback gets the event too (a notifier's `retries` + 1). */
  attemptsBeforeFallback: number;
  /** The fallback notifier's id; a fallback copy is never routed further. */
  fallback?: string;
  /** First wait; doubles with every failed attempt up to capMs. */
  baseMs?: number;
  capMs?: number;
  /** After this long from the event, a row that still fails is given up (state failed). */
  giveUpAfterMs?: number;
  /** Delivered later than this after the event: marked late. */
  lateAfterMs?: number;
}

const DEFAULTS = { baseMs: 5000, capMs: 15 * 60_000, giveUpAfterMs: 24 * 3600_000, lateAfterMs: 10 * 60_000 };

/** The wait after the n-th failed attempt (1-based): doubling from baseMs, capped. */
export function backoffMs(failedAttempts: number, baseMs = DEFAULTS.baseMs, capMs = DEFAULTS.capMs): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, failedAttempts - 1));
}

export interface Recorded {
  state: QueueState;
  nextAt?: number;
  /** The fallback copy made by this attempt, if any. */
  routed?: { id: number; notifier: string; created: boolean };
}

/** Give a row's event to `fallback` as well (idempotent), and mark the original to be delivered late. */
export function routeToFallback(db: Db, row: QueueRow, fallback: string, now: number): { id: number; notifier: string; created: boolean } {
  const copy = enqueue(db, { notifier: fallback, eventKey: row.eventKey, category: row.category, payload: row.payload, eventAt: row.eventAt }, now, row.id);
  stmt(db, 'UPDATE notify_queue SET routed_to = ?, late = 1 WHERE id = ?').run(fallback, row.id);
  return { ...copy, notifier: fallback };
}

function failed(db: Db, row: QueueRow, r: Extract<AttemptResult, { ok: false }>, attempts: number, p: RetryPolicy, now: number): Recorded {
  const giveUp = !r.retryable || now - row.eventAt >= (p.giveUpAfterMs ?? DEFAULTS.giveUpAfterMs);
  const wait = r.retryAfterMs ?? backoffMs(attempts, p.baseMs, p.capMs);
  const nextAt = now + wait;
  stmt(db, 'UPDATE notify_queue SET attempts = ?, result = ?, result_code = ?, state = ?, next_at = ?, claimed_until = NULL WHERE id = ?').run(
    attempts,
    r.message,
    r.code,
    giveUp ? 'failed' : 'pending',
    giveUp ? row.nextAt : nextAt,
    row.id,
  );
  const spent = giveUp || attempts >= p.attemptsBeforeFallback;
  const routed = spent && p.fallback && row.fallbackOf === null && row.routedTo === null ? routeToFallback(db, row, p.fallback, now) : undefined;
  return giveUp ? { state: 'failed', routed } : { state: 'pending', nextAt, routed };
}

/** Record one attempt's result on a claimed row: delivered, retried later, or failed for good. */
export function recordAttempt(db: Db, id: number, r: AttemptResult, now: number, policy: RetryPolicy): Recorded {
  const run = db.transaction((): Recorded => {
    const row = getDelivery(db, id);
    if (!row) throw new Error(`no delivery ${id}`);
    if (row.state !== 'pending') return { state: row.state };
    const attempts = row.attempts + 1;
    if (!r.ok) return failed(db, row, r, attempts, policy, now);
    const late = row.late || now - row.eventAt > (policy.lateAfterMs ?? DEFAULTS.lateAfterMs);
    stmt(db, "UPDATE notify_queue SET attempts = ?, state = 'delivered', result = 'delivered', result_code = NULL, late = ?, delivered_at = ?, claimed_until = NULL WHERE id = ?").run(
      attempts,
      late ? 1 : 0,
      now,
      id,
    );
    return { state: 'delivered' };
  });
  return run();
}

export interface DeliveryView extends QueueRow {
  /** From the event to its delivery; null until delivered. */
  delayMs: number | null;
}

/** The most recent deliveries for the /notifications page (newest first). */
export function recentDeliveries(db: Db, limit = 200): DeliveryView[] {
  const rows = stmt(db, 'SELECT * FROM notify_queue ORDER BY created_at DESC, id DESC LIMIT ?').all(Math.max(1, Math.min(limit, 1000))) as RawRow[];
  return rows.map(toRow).map((r) => ({ ...r, delayMs: r.deliveredAt === null ? null : r.deliveredAt - r.eventAt }));
}

/** When this notifier was last given an event whose key starts with `keyPrefix` (a reminder's last time). */
export function lastEnqueuedAt(db: Db, notifier: string, keyPrefix: string): number | null {
  const r = stmt(db, 'SELECT MAX(created_at) AS t FROM notify_queue WHERE notifier = ? AND substr(event_key, 1, length(?)) = ?').get(notifier, keyPrefix, keyPrefix) as {
    t: number | null;
  };
  return r.t;
}

/** Drop finished rows older than keepDays, and beyond the newest keepRows; pending rows always stay. */
export function pruneQueue(db: Db, now: number, opts: { keepDays?: number; keepRows?: number } = {}): number {
  const cutoff = now - (opts.keepDays ?? 30) * 24 * 3600_000;
  const old = stmt(db, "DELETE FROM notify_queue WHERE state != 'pending' AND created_at < ?").run(cutoff).changes;
  const extra = stmt(
    db,
    `DELETE FROM notify_queue WHERE state != 'pending' AND id NOT IN
     (SELECT id FROM notify_queue WHERE state != 'pending' ORDER BY created_at DESC, id DESC LIMIT ?)`,
  ).run(opts.keepRows ?? 2000).changes;
  return old + extra;
}
