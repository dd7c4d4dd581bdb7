import type { Db } from '../db';

export interface LastRebuild {
  target: string;
  outcome: string;
  startedAt: number | null;
  endedAt: number | null;
  exitCode: number | null;
  durationMs: number | null;
}

/**
 * The latest finished run per target from the rebuild feature's table, if that table exists
 * (it belongs to another module; we only read it, and tolerate its absence).
 */
export function lastRebuilds(db: Db | null): LastRebuild[] {
  if (!db) return [];
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rebuild_runs'").get();
    if (!exists) return [];
    return db
      .prepare(
        `SELECT target, outcome, started_at AS startedAt, ended_at AS endedAt, exit_code AS exitCode, duration_ms AS durationMs
         FROM rebuild_runs r WHERE ended_at IS NOT NULL AND ended_at = (SELECT max(ended_at) FROM rebuild_runs WHERE target = r.target AND ended_at IS NOT NULL)
         GROUP BY target ORDER BY target`,
      )
      .all() as LastRebuild[];
  } catch {
    return [];
  }
}
