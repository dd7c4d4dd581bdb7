// The delivery queue's table: one row per event and notifier, written before the first attempt,
// so a restart resumes what was pending. A fallback copy points at the row it stands in for.

export const QUEUE_DDL = `
CREATE TABLE IF NOT EXISTS notify_queue (
  id INTEGER PRIMARY KEY,
  notifier TEXT NOT NULL,
  event_key TEXT NOT NULL,
  category TEXT NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',
  result TEXT,
  result_code TEXT,
  late INTEGER NOT NULL DEFAULT 0,
  fallback_of INTEGER,
  routed_to TEXT,
  event_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER,
  claimed_until INTEGER,
  UNIQUE (notifier, event_key)
);
CREATE INDEX IF NOT EXISTS notify_queue_due ON notify_queue (state, next_at);
CREATE INDEX IF NOT EXISTS notify_queue_created ON notify_queue (created_at);
`;

export type QueueState = 'pending' | 'delivered' | 'failed';

export interface QueueRow {
  id: number;
  notifier: string;
  eventKey: string;
  category: string;
  /** The event as enqueued (JSON-parsed). */
  payload: unknown;
  attempts: number;
  nextAt: number;
  state: QueueState;
  /** The last attempt's result in words. */
  result: string | null;
  resultCode: string | null;
  /** Delivered (or to be delivered) late: its fallback was used first, or it waited too long. */
  late: boolean;
  /** Set on a fallback copy: the row it stands in for. */
  fallbackOf: number | null;
  /** Set on a row whose retries ran out: the fallback notifier it was routed to. */
  routedTo: string | null;
  eventAt: number;
  createdAt: number;
  deliveredAt: number | null;
}

export interface RawRow {
  id: number;
  notifier: string;
  event_key: string;
  category: string;
  payload: string;
  attempts: number;
  next_at: number;
  state: string;
  result: string | null;
  result_code: string | null;
  late: number;
  fallback_of: number | null;
  routed_to: string | null;
  event_at: number;
  created_at: number;
  delivered_at: number | null;
}

function parse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

export function toRow(r: RawRow): QueueRow {
  return {
    id: r.id,
    notifier: r.notifier,
    eventKey: r.event_key,
    category: r.category,
    payload: parse(r.payload),
    attempts: r.attempts,
    nextAt: r.next_at,
    state: r.state as QueueState,
    result: r.result,
    resultCode: r.result_code,
    late: r.late === 1,
    fallbackOf: r.fallback_of,
    routedTo: r.routed_to,
    eventAt: r.event_at,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  };
}
