import { stmt, type Db } from '../db';
import type { AlertEvent } from './events';

// Every event the alerting saw and what was decided for it: sent, held for a summary, or dropped,
// with why. The key is the event's, so an event is decided once, also across a restart; the
// page lists what was silenced from here, and history marks "during rebuild …" from it.

export const EVENTS_DDL = `
CREATE TABLE IF NOT EXISTS notify_events (
  key TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  action TEXT NOT NULL,
  why TEXT NOT NULL,
  quiet_id TEXT,
  quiet_label TEXT,
  incident_id TEXT,
  targets INTEGER NOT NULL DEFAULT 0,
  at INTEGER NOT NULL,
  decided_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS notify_events_quiet ON notify_events (quiet_id);
CREATE INDEX IF NOT EXISTS notify_events_decided ON notify_events (decided_at);
CREATE INDEX IF NOT EXISTS notify_events_incident ON notify_events (incident_id);
CREATE TABLE IF NOT EXISTS notify_announced (
  incident_id TEXT PRIMARY KEY,
  at INTEGER NOT NULL
);
`;

export type DecisionAction = 'notify' | 'hold' | 'drop';

export interface DecisionRow {
  key: string;
  event: AlertEvent;
  action: DecisionAction;
  why: string;
  quietId: string | null;
  quietLabel: string | null;
  incidentId: string | null;
  /** How many notifiers it was given to. */
  targets: number;
  at: number;
  decidedAt: number;
}

interface Raw {
  key: string;
  payload: string;
  action: string;
  why: string;
  quiet_id: string | null;
  quiet_label: string | null;
  incident_id: string | null;
  targets: number;
  at: number;
  decided_at: number;
}

const incidentOf = (e: AlertEvent): string | null => ('incidentId' in e ? String(e.incidentId) : null);

/** Record a decision; false when this key was decided before (nothing changes then). */
export function recordDecision(db: Db, key: string, e: AlertEvent, d: { action: DecisionAction; why: string; quiet?: { id: string; label: string } }, now: number): boolean {
  const r = stmt(
    db,
    `INSERT INTO notify_events (key, type, payload, action, why, quiet_id, quiet_label, incident_id, at, decided_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
  ).run(key, e.type, JSON.stringify(e), d.action, d.why, d.quiet?.id ?? null, d.quiet?.label ?? null, incidentOf(e), e.at, now);
  return r.changes > 0;
}

export function setTargets(db: Db, key: string, n: number): void {
  stmt(db, 'UPDATE notify_events SET targets = ? WHERE key = ?').run(n, key);
}

export function isDecided(db: Db, key: string): boolean {
  return stmt(db, 'SELECT 1 FROM notify_events WHERE key = ?').get(key) !== undefined;
}

/** State changes held inside a window or silence: whether its summary has anything to tell. */
export function heldCount(db: Db, quietId: string): number {
  return (stmt(db, "SELECT COUNT(*) AS n FROM notify_events WHERE quiet_id = ? AND action = 'hold'").get(quietId) as { n: number }).n;
}

/** An outage was told (its down alert, or a summary naming it still down): its recovery is told too, and reminders follow. */
export function markAnnounced(db: Db, incidentId: string | number, at: number): void {
  stmt(db, 'INSERT INTO notify_announced (incident_id, at) VALUES (?, ?) ON CONFLICT (incident_id) DO NOTHING').run(String(incidentId), at);
}

export function announcedAt(db: Db, incidentId: string | number): number | null {
  const r = stmt(db, 'SELECT at FROM notify_announced WHERE incident_id = ?').get(String(incidentId)) as { at: number } | undefined;
  return r?.at ?? null;
}

function toRow(r: Raw): DecisionRow {
  return {
    key: r.key,
    event: JSON.parse(r.payload) as AlertEvent,
    action: r.action as DecisionAction,
    why: r.why,
    quietId: r.quiet_id,
    quietLabel: r.quiet_label,
    incidentId: r.incident_id,
    targets: r.targets,
    at: r.at,
    decidedAt: r.decided_at,
  };
}

/** The newest decisions, optionally only held and dropped ones (what was kept quiet). */
export function recentDecisions(db: Db, limit = 200, quietOnly = false): DecisionRow[] {
  const sql = `SELECT * FROM notify_events ${quietOnly ? "WHERE action != 'notify'" : ''} ORDER BY decided_at DESC, rowid DESC LIMIT ?`;
  return (stmt(db, sql).all(Math.max(1, Math.min(limit, 1000))) as Raw[]).map(toRow);
}

/** For history: which incidents began inside a window or silence, and its label ("rebuild of mini-vm …"). */
export function quietMarks(db: Db, incidentIds: readonly (string | number)[]): Map<string, string> {
  const marks = new Map<string, string>();
  const q = stmt(db, "SELECT quiet_label AS label FROM notify_events WHERE incident_id = ? AND quiet_label IS NOT NULL AND type IN ('down', 'machine-down', 'hop-down') LIMIT 1");
  for (const id of incidentIds) {
    const r = q.get(String(id)) as { label: string } | undefined;
    if (r) marks.set(String(id), r.label);
  }
  return marks;
}

/** Hop failures that began and have not ended: the alerting carries them on after a restart. */
export function openHopEvents(db: Db): Extract<AlertEvent, { type: 'hop-down' }>[] {
  const rows = stmt(
    db,
    "SELECT payload FROM notify_events d WHERE type = 'hop-down' AND NOT EXISTS (SELECT 1 FROM notify_events u WHERE u.type = 'hop-up' AND u.incident_id = d.incident_id)",
  ).all() as { payload: string }[];
  return rows.map((r) => JSON.parse(r.payload));
}

/** Counts per decision since `since`, for the metrics. */
export function decisionCounts(db: Db, since = 0): Record<DecisionAction, number> {
  const out: Record<DecisionAction, number> = { notify: 0, hold: 0, drop: 0 };
  for (const r of stmt(db, 'SELECT action, COUNT(*) AS n FROM notify_events WHERE decided_at >= ? GROUP BY action').all(since) as { action: DecisionAction; n: number }[]) out[r.action] = r.n;
  return out;
}

export function pruneDecisions(db: Db, now: number, keepDays = 30): number {
  const cutoff = now - keepDays * 24 * 3600_000;
  // An open hop's start stays: it is how a restart knows the hop is still failing.
  return stmt(db, "DELETE FROM notify_events WHERE decided_at < ? AND type != 'hop-down'").run(cutoff).changes;
}
