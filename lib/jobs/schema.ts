import type { Db } from '../db';

// One table for every kind of job. The kind-specific parts are JSON: progress as it is made,
// detail for results (a closure diff, bytes freed). pid and proc_start find the process again.
export const JOBS_DDL = `
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  target TEXT NOT NULL,
  mode TEXT NOT NULL DEFAULT '',
  lock_key TEXT NOT NULL,
  client TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  exit_code INTEGER,
  outcome TEXT NOT NULL,
  duration_ms INTEGER,
  log_path TEXT NOT NULL,
  summary TEXT,
  progress TEXT,
  detail TEXT,
  truncated INTEGER NOT NULL DEFAULT 0,
  pid INTEGER,
  proc_start TEXT
);
CREATE INDEX IF NOT EXISTS jobs_started ON jobs (started_at DESC);
CREATE INDEX IF NOT EXISTS jobs_kind_target ON jobs (kind, target, ended_at);
`;

/** The table rebuilds were kept in before the job runner; an upgrade moves its rows into jobs. */
export const LEGACY_REBUILD_RUNS_DDL = `
CREATE TABLE IF NOT EXISTS rebuild_runs (
  id TEXT PRIMARY KEY, target TEXT NOT NULL, mode TEXT NOT NULL, client TEXT NOT NULL,
  started_at INTEGER NOT NULL, ended_at INTEGER, exit_code INTEGER, outcome TEXT NOT NULL,
  duration_ms INTEGER, log_path TEXT NOT NULL, summary TEXT, progress TEXT, truncated INTEGER NOT NULL DEFAULT 0
);
`;

/**
 * Copy rebuild_runs into jobs (kind 'rebuild', locked on its target, as rebuilds were) and drop
 * it, in one transaction: either the history is in jobs, or nothing changed.
 */
export function migrateRebuildRuns(db: Db): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rebuild_runs'").get();
  if (!exists) return 0;
  return db.transaction(() => {
    const moved = db
      .prepare(
        `INSERT OR IGNORE INTO jobs (id, kind, target, mode, lock_key, client, started_at, ended_at, exit_code, outcome, duration_ms, log_path, summary, progress, truncated)
         SELECT id, 'rebuild', target, mode, target, client, started_at, ended_at, exit_code, outcome, duration_ms, log_path, summary, progress, truncated FROM rebuild_runs`,
      )
      .run().changes;
    db.exec('DROP TABLE rebuild_runs');
    return moved;
  })();
}
