import { stmt, type Db } from '../db';
import type { Silence } from './silences';

// Silences in SQLite, so they outlast a restart. Ended ones stay a while, for the page.

export const SILENCES_DDL = `
CREATE TABLE IF NOT EXISTS notify_silences (
  id TEXT PRIMARY KEY,
  machine TEXT NOT NULL,
  service TEXT,
  name TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  until INTEGER,
  ended_at INTEGER,
  ended_why TEXT
);
CREATE INDEX IF NOT EXISTS notify_silences_open ON notify_silences (ended_at);
`;

export type SilenceEndWhy = 'expired' | 'recovered' | 'ended';

export interface StoredSilence extends Silence {
  endedAt: number | null;
  endedWhy: SilenceEndWhy | null;
}

interface Raw {
  id: string;
  machine: string;
  service: string | null;
  name: string;
  reason: string;
  created_at: number;
  until: number | null;
  ended_at: number | null;
  ended_why: string | null;
}

const toSilence = (r: Raw): StoredSilence => ({
  id: r.id,
  target: r.service ? { machine: r.machine, service: r.service } : { machine: r.machine },
  name: r.name,
  reason: r.reason,
  createdAt: r.created_at,
  until: r.until === null ? 'recovery' : r.until,
  endedAt: r.ended_at,
  endedWhy: r.ended_why as SilenceEndWhy | null,
});

export function insertSilence(db: Db, s: Silence): void {
  stmt(db, 'INSERT INTO notify_silences (id, machine, service, name, reason, created_at, until) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    s.id,
    s.target.machine,
    s.target.service ?? null,
    s.name,
    s.reason,
    s.createdAt,
    s.until === 'recovery' ? null : s.until,
  );
}

/** Silences not yet ended (one may have run out since: endSilences() says so). */
export function openSilences(db: Db): StoredSilence[] {
  return (stmt(db, 'SELECT * FROM notify_silences WHERE ended_at IS NULL ORDER BY created_at').all() as Raw[]).map(toSilence);
}

export function getSilence(db: Db, id: string): StoredSilence | null {
  const r = stmt(db, 'SELECT * FROM notify_silences WHERE id = ?').get(id) as Raw | undefined;
  return r ? toSilence(r) : null;
}

/** End a silence once; false when it had already ended (or never existed). */
export function closeSilence(db: Db, id: string, why: SilenceEndWhy, at: number): boolean {
  return stmt(db, 'UPDATE notify_silences SET ended_at = ?, ended_why = ? WHERE id = ? AND ended_at IS NULL').run(at, why, id).changes > 0;
}

/** The newest silences, open and ended, for the page. */
export function recentSilences(db: Db, limit = 50): StoredSilence[] {
  return (stmt(db, 'SELECT * FROM notify_silences ORDER BY created_at DESC LIMIT ?').all(limit) as Raw[]).map(toSilence);
}

export function pruneSilences(db: Db, now: number, keepDays = 30): number {
  return stmt(db, 'DELETE FROM notify_silences WHERE ended_at IS NOT NULL AND ended_at < ?').run(now - keepDays * 24 * 3600_000).changes;
}
