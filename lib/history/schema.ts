import type { Db } from '../db';

// Raw samples for a day, then per-minute and per-hour summaries; incidents are kept as intervals.
// Summaries are upserted with every sample, so the current minute and hour are always up to date.
const summaryTable = (name: string) => `CREATE TABLE IF NOT EXISTS ${name} (
  service TEXT NOT NULL, t INTEGER NOT NULL,
  n_up INTEGER NOT NULL, n_down INTEGER NOT NULL, n_other INTEGER NOT NULL,
  lat_sum INTEGER NOT NULL, lat_n INTEGER NOT NULL, lat_max INTEGER,
  PRIMARY KEY (service, t)
) WITHOUT ROWID;`;

export const HISTORY_DDL = `
CREATE TABLE IF NOT EXISTS history_samples (
  service TEXT NOT NULL,
  at INTEGER NOT NULL,
  state TEXT NOT NULL,
  ok INTEGER,
  latency_ms INTEGER
);
CREATE INDEX IF NOT EXISTS history_samples_by_time ON history_samples (service, at);
${summaryTable('history_minutes')}
${summaryTable('history_hours')}
CREATE TABLE IF NOT EXISTS history_incidents (
  id INTEGER PRIMARY KEY,
  subject TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  reason TEXT NOT NULL,
  end_reason TEXT,
  notified_open INTEGER NOT NULL DEFAULT 0,
  notified_close INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS history_incidents_by_subject ON history_incidents (subject, started_at);
CREATE INDEX IF NOT EXISTS history_incidents_open ON history_incidents (ended_at) WHERE ended_at IS NULL;
`;

export const MINUTE = 60_000;
export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export interface HistorySettings {
  rawHours: number;
  minuteDays: number;
  hourDays: number;
  incidentDays: number;
}

/** The subject of a machine incident: one row for a stopped VM, not one per service on it. */
export const machineSubject = (name: string) => `machine:${name}`;

export type DbProvider = () => Db | null;
