import { stmt, type Db } from '../db';
import type { ServiceState } from '../types';
import { availability, bucketStart } from './classify';
import { DAY, HOUR, MINUTE, type HistorySettings } from './schema';

export interface Sample {
  service: string;
  at: number;
  state: ServiceState;
  latencyMs: number | null;
}

const upsert = (table: string) => `
INSERT INTO ${table} (service, t, n_up, n_down, n_other, lat_sum, lat_n, lat_max) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (service, t) DO UPDATE SET
  n_up = n_up + excluded.n_up, n_down = n_down + excluded.n_down, n_other = n_other + excluded.n_other,
  lat_sum = lat_sum + excluded.lat_sum, lat_n = lat_n + excluded.lat_n,
  lat_max = CASE WHEN excluded.lat_max IS NULL THEN lat_max WHEN lat_max IS NULL THEN excluded.lat_max
                 ELSE max(lat_max, excluded.lat_max) END`;

const insertRaw = 'INSERT INTO history_samples (service, at, state, ok, latency_ms) VALUES (?, ?, ?, ?, ?)';
const upsertMinute = upsert('history_minutes');
const upsertHour = upsert('history_hours');

/** Store one sample raw and fold it into its minute and hour. Call inside a transaction. */
export function writeSample(db: Db, s: Sample): void {
  const ok = availability(s.state);
  // Only a successful probe's latency says how fast the service is; a timeout would flatten the chart.
  const lat = ok === 1 && s.latencyMs !== null && Number.isFinite(s.latencyMs) ? Math.max(0, Math.round(s.latencyMs)) : null;
  stmt(db, insertRaw).run(s.service, s.at, s.state, ok, lat);
  const counts = [ok === 1 ? 1 : 0, ok === 0 ? 1 : 0, ok === null ? 1 : 0, lat ?? 0, lat === null ? 0 : 1, lat];
  stmt(db, upsertMinute).run(s.service, bucketStart(s.at, MINUTE), ...counts);
  stmt(db, upsertHour).run(s.service, bucketStart(s.at, HOUR), ...counts);
}

/** Delete what is older than each table's retention. Returns the number of rows removed. */
export function prune(db: Db, now: number, cfg: HistorySettings): number {
  const tx = db.transaction(() => {
    let n = 0;
    n += db.prepare('DELETE FROM history_samples WHERE at < ?').run(now - cfg.rawHours * HOUR).changes;
    n += db.prepare('DELETE FROM history_minutes WHERE t < ?').run(now - cfg.minuteDays * DAY).changes;
    n += db.prepare('DELETE FROM history_hours WHERE t < ?').run(now - cfg.hourDays * DAY).changes;
    n += db.prepare('DELETE FROM history_incidents WHERE ended_at IS NOT NULL AND ended_at < ?').run(now - cfg.incidentDays * DAY).changes;
    return n;
  });
  return tx();
}
