import { dbError, noteDbError, withSchema, type Db } from '../db';
import type { RebuildMode, RebuildOutcome, RebuildProgress, RebuildRun } from './types';

// Column names are a contract: the metrics code reads rebuild_runs too (its test builds this table).
export const REBUILD_RUNS_DDL = `
CREATE TABLE IF NOT EXISTS rebuild_runs (
  id TEXT PRIMARY KEY,
  target TEXT NOT NULL,
  mode TEXT NOT NULL,
  client TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  exit_code INTEGER,
  outcome TEXT NOT NULL,
  duration_ms INTEGER,
  log_path TEXT NOT NULL,
  summary TEXT,
  progress TEXT,
  truncated INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS rebuild_runs_started ON rebuild_runs (started_at DESC);
`;

interface Row {
  id: string;
  target: string;
  mode: string;
  client: string;
  started_at: number;
  ended_at: number | null;
  exit_code: number | null;
  outcome: string;
  duration_ms: number | null;
  log_path: string;
  summary: string | null;
  progress: string | null;
  truncated: number;
}

const KEY = Symbol.for('mini-vm-dashboard.rebuild-store');
const g = globalThis as unknown as Record<symbol, { recovered: boolean } | undefined>;
const state = (g[KEY] ??= { recovered: false });

function db(): Db | null {
  const d = withSchema('rebuild_runs', REBUILD_RUNS_DDL);
  if (d && !state.recovered) {
    state.recovered = true;
    recover(d);
  }
  return d;
}

/**
 * Runs still marked running belong to a previous server process (this one has not started any
 * yet): nobody is reading their output any more, so they are interrupted. Their logs stay.
 */
function recover(d: Db): void {
  try {
    d.prepare(
      `UPDATE rebuild_runs SET outcome = 'interrupted', ended_at = COALESCE(ended_at, ?),
       summary = 'the dashboard stopped while this run was going; its log is kept up to that point'
       WHERE outcome = 'running'`,
    ).run(Date.now());
  } catch (e) {
    noteDbError(e);
  }
}

/** Call once at server start so the table never shows a stale "running". */
export function recoverInterruptedRuns(): void {
  db();
}

function fromRow(r: Row): RebuildRun {
  let progress: RebuildProgress = { phase: 'done', built: 0, total: null, failedUnits: [] };
  try {
    if (r.progress) progress = { ...progress, ...JSON.parse(r.progress) };
  } catch {
    /* keep the default */
  }
  return {
    id: r.id,
    target: r.target,
    mode: r.mode as RebuildMode,
    client: r.client,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    exitCode: r.exit_code,
    outcome: r.outcome as RebuildOutcome,
    durationMs: r.duration_ms,
    summary: r.summary,
    progress,
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

export function insertRun(run: RebuildRun, logPath: string): void {
  attempt((d) =>
    d
      .prepare(
        `INSERT INTO rebuild_runs (id, target, mode, client, started_at, outcome, log_path, progress)
         VALUES (?, ?, ?, ?, ?, 'running', ?, ?)`,
      )
      .run(run.id, run.target, run.mode, run.client, run.startedAt, logPath, JSON.stringify(run.progress)),
  );
}

export function finishRun(run: RebuildRun): void {
  attempt((d) =>
    d
      .prepare(
        `UPDATE rebuild_runs SET ended_at = ?, exit_code = ?, outcome = ?, duration_ms = ?, summary = ?, progress = ?, truncated = ?
         WHERE id = ?`,
      )
      .run(run.endedAt, run.exitCode, run.outcome, run.durationMs, run.summary, JSON.stringify(run.progress), run.truncated ? 1 : 0, run.id),
  );
}

export function getStoredRun(id: string): RebuildRun | undefined {
  const row = attempt((d) => d.prepare('SELECT * FROM rebuild_runs WHERE id = ?').get(id) as Row | undefined);
  return row ? fromRow(row) : undefined;
}

export function listStoredRuns(limit = 50): RebuildRun[] | undefined {
  const rows = attempt((d) => d.prepare('SELECT * FROM rebuild_runs ORDER BY started_at DESC LIMIT ?').all(limit) as Row[]);
  return rows?.map(fromRow);
}

/** Why history is not being kept, if it is not. */
export function storeProblem(): string | undefined {
  db();
  return dbError();
}
