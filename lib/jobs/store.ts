import { dbError, noteDbError, stmt, withSchema, type Db } from '../db';
import type { ProcessIdentity } from '../process-group';
import { JOBS_DDL, migrateRebuildRuns } from './schema';
import type { JobOutcome, JobRecord } from './types';
import { processState } from '../process-state';

interface Row {
  id: string;
  kind: string;
  target: string;
  mode: string;
  lock_key: string;
  client: string;
  started_at: number;
  ended_at: number | null;
  exit_code: number | null;
  outcome: string;
  duration_ms: number | null;
  log_path: string;
  summary: string | null;
  progress: string | null;
  detail: string | null;
  truncated: number;
  pid: number | null;
  proc_start: string | null;
}

/** A stored job that was still active when its server stopped, with what finds its process again. */
export interface ActiveRow {
  job: JobRecord;
  process: ProcessIdentity | null;
}

const state = processState<{ migrated: boolean }>('job-store', () => ({ migrated: false }));

function db(): Db | null {
  const d = withSchema('jobs', JOBS_DDL);
  if (d && !state.migrated) {
    state.migrated = true;
    try {
      migrateRebuildRuns(d);
    } catch (e) {
      noteDbError(e);
    }
  }
  return d;
}

function json<T>(text: string | null, fallback: T): T {
  try {
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

function fromRow(r: Row): JobRecord {
  return {
    id: r.id, kind: r.kind, target: r.target, mode: r.mode, lock: r.lock_key, client: r.client,
    startedAt: r.started_at, endedAt: r.ended_at, exitCode: r.exit_code, outcome: r.outcome as JobOutcome,
    durationMs: r.duration_ms, summary: r.summary, progress: json(r.progress, null), detail: json(r.detail, null),
    truncated: Boolean(r.truncated),
  };
}

function attempt<T>(fn: (d: Db) => T): T | undefined {
  const d = db();
  if (!d) return undefined;
  try {
    return fn(d);
  } catch (e) {
    noteDbError(e);
    return undefined;
  }
}

export function insertJob(job: JobRecord, logPath: string, proc: ProcessIdentity | null): void {
  attempt((d) =>
    stmt(d, `INSERT INTO jobs (id, kind, target, mode, lock_key, client, started_at, outcome, log_path, progress, pid, proc_start)
             VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)`)
      .run(job.id, job.kind, job.target, job.mode, job.lock, job.client ?? '', job.startedAt, logPath, JSON.stringify(job.progress), proc?.pid ?? null, proc?.startTime ?? null),
  );
}

/** Where the process is, once known (macOS asks ps for the start time after the spawn). */
export function saveProcess(id: string, proc: ProcessIdentity): void {
  attempt((d) => stmt(d, 'UPDATE jobs SET pid = ?, proc_start = ? WHERE id = ?').run(proc.pid, proc.startTime, id));
}

/** Progress as it is made, so a run cut short keeps how far it got. */
export function saveProgress(job: JobRecord): void {
  attempt((d) => stmt(d, 'UPDATE jobs SET progress = ?, truncated = ? WHERE id = ?').run(JSON.stringify(job.progress), job.truncated ? 1 : 0, job.id));
}

export function finishJob(job: JobRecord): void {
  attempt((d) =>
    stmt(d, `UPDATE jobs SET ended_at = ?, exit_code = ?, outcome = ?, duration_ms = ?, summary = ?, progress = ?, detail = ?, truncated = ?
             WHERE id = ?`)
      .run(job.endedAt, job.exitCode, job.outcome, job.durationMs, job.summary, JSON.stringify(job.progress), job.detail === null ? null : JSON.stringify(job.detail), job.truncated ? 1 : 0, job.id),
  );
}

export function markOrphaned(id: string, summary: string): void {
  attempt((d) => stmt(d, "UPDATE jobs SET outcome = 'orphaned', summary = ? WHERE id = ?").run(summary, id));
}

export function getStoredJob(id: string): JobRecord | undefined {
  const row = attempt((d) => stmt(d, 'SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined);
  return row ? fromRow(row) : undefined;
}

export function listStoredJobs(limit = 50): JobRecord[] | undefined {
  return attempt((d) => stmt(d, 'SELECT * FROM jobs ORDER BY started_at DESC LIMIT ?').all(limit) as Row[])?.map(fromRow);
}

/** Jobs the store still calls running or orphaned: at start-up, none of them is this process's. */
export function storedActiveJobs(): ActiveRow[] {
  const rows = attempt((d) => stmt(d, "SELECT * FROM jobs WHERE outcome IN ('running', 'orphaned')").all() as Row[]) ?? [];
  return rows.map((r) => ({ job: fromRow(r), process: r.pid && r.proc_start ? { pid: r.pid, startTime: r.proc_start } : null }));
}

export interface LastJob {
  target: string;
  outcome: string;
  startedAt: number | null;
  endedAt: number | null;
  exitCode: number | null;
  durationMs: number | null;
}

/** The latest finished job of a kind per target (for the metrics), oldest target name first. */
export function lastFinishedPerTarget(kind: string, d: Db | null = db()): LastJob[] {
  if (!d) return [];
  try {
    return stmt(d,
      `SELECT target, outcome, started_at AS startedAt, ended_at AS endedAt, exit_code AS exitCode, duration_ms AS durationMs
       FROM jobs j WHERE kind = ? AND ended_at IS NOT NULL
         AND ended_at = (SELECT max(ended_at) FROM jobs WHERE kind = j.kind AND target = j.target AND ended_at IS NOT NULL)
       GROUP BY target ORDER BY target`,
    ).all(kind) as LastJob[];
  } catch {
    return [];
  }
}

/** Why job history is not being kept, if it is not. */
export function storeProblem(): string | undefined {
  db();
  return dbError();
}
