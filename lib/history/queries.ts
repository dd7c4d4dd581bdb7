import { stmt, type Db } from '../db';
import type { ServiceHistory } from '../types';
import { DAY, HOUR, MINUTE, machineSubject } from './schema';

type Table = 'history_minutes' | 'history_hours';

/** Share of counted samples that were up in [now - windowMs, now]; null when nothing was counted. */
export function uptime(db: Db, service: string, now: number, windowMs: number, table: Table = windowMs <= DAY ? 'history_minutes' : 'history_hours'): number | null {
  const width = table === 'history_minutes' ? MINUTE : HOUR;
  const r = stmt(db, `SELECT sum(n_up) AS up, sum(n_down) AS down FROM ${table} WHERE service = ? AND t > ? AND t <= ?`).get(service, now - windowMs - width, now) as { up: number | null; down: number | null };
  const total = (r.up ?? 0) + (r.down ?? 0);
  return total === 0 ? null : (r.up ?? 0) / total;
}

export interface Slot {
  /** Start of the slot (ms). */
  t: number;
  up: number;
  down: number;
  other: number;
  latAvg: number | null;
  latMax: number | null;
}

/**
 * `count` equal slots covering [now - rangeMs, now], oldest first, aggregated from the summary
 * table that still holds the range. Slots with no samples are present, with zero counts.
 */
export function slots(db: Db, service: string, now: number, rangeMs: number, count: number): Slot[] {
  const table: Table = rangeMs <= DAY ? 'history_minutes' : 'history_hours';
  const width = Math.max(table === 'history_minutes' ? MINUTE : HOUR, Math.ceil(rangeMs / count));
  const start = now - width * count;
  const rows = stmt(
    db,
    `SELECT (t - ?) / ? AS i, sum(n_up) AS up, sum(n_down) AS down, sum(n_other) AS other, sum(lat_sum) AS ls, sum(lat_n) AS ln, max(lat_max) AS lm
     FROM ${table} WHERE service = ? AND t >= ? AND t <= ? GROUP BY i`,
  ).all(start, width, service, start, now) as { i: number; up: number; down: number; other: number; ls: number; ln: number; lm: number | null }[];
  const out: Slot[] = Array.from({ length: count }, (_, i) => ({ t: start + i * width, up: 0, down: 0, other: 0, latAvg: null, latMax: null }));
  for (const r of rows) {
    const s = out[Math.min(count - 1, Math.max(0, Math.floor(r.i)))];
    s.up += r.up;
    s.down += r.down;
    s.other += r.other;
    if (r.ln > 0) s.latAvg = Math.round(r.ls / r.ln);
    if (r.lm !== null) s.latMax = Math.max(s.latMax ?? 0, r.lm);
  }
  return out;
}

/** What a service card shows: three uptimes and a 24 h sparkline of 48 half-hour slots. */
export function serviceHistory(db: Db, service: string, now: number): ServiceHistory {
  return {
    uptime: { h24: uptime(db, service, now, DAY), d7: uptime(db, service, now, 7 * DAY), d30: uptime(db, service, now, 30 * DAY) },
    spark: slots(db, service, now, DAY, 48).map((s) => s.latAvg),
  };
}

export interface IncidentRow {
  id: number;
  subject: string;
  kind: 'service' | 'machine';
  from: string;
  to: string;
  startedAt: number;
  endedAt: number | null;
  reason: string;
  endReason: string | null;
}

/** The incidents that touched a service: its own and those of the machine it runs on, newest first. */
export function incidentsFor(db: Db, service: string, machine: string | undefined, limit = 50): IncidentRow[] {
  return stmt(
    db,
    `SELECT id, subject, kind, from_state AS "from", to_state AS "to", started_at AS startedAt, ended_at AS endedAt, reason, end_reason AS endReason
     FROM history_incidents WHERE subject = ? OR subject = ? ORDER BY started_at DESC, id DESC LIMIT ?`,
  ).all(service, machine ? machineSubject(machine) : '', limit) as IncidentRow[];
}

/** Services down right now: their open incidents (alert reminders read them). */
export function openServiceIncidents(db: Db): Pick<IncidentRow, 'id' | 'subject' | 'startedAt' | 'reason'>[] {
  return stmt(db, "SELECT id, subject, started_at AS startedAt, reason FROM history_incidents WHERE ended_at IS NULL AND kind = 'service' ORDER BY started_at").all() as Pick<
    IncidentRow,
    'id' | 'subject' | 'startedAt' | 'reason'
  >[];
}
