import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { JOBS_DDL, LEGACY_REBUILD_RUNS_DDL, migrateRebuildRuns } from './schema';

describe('upgrading from rebuild_runs', () => {
  it('moves every rebuild into jobs, keeps its fields, drops the old table, and runs once', () => {
    const db = new Database(':memory:');
    db.exec(LEGACY_REBUILD_RUNS_DDL);
    const ins = db.prepare('INSERT INTO rebuild_runs (id, target, mode, client, started_at, ended_at, exit_code, outcome, duration_ms, log_path, summary, progress, truncated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    ins.run('mx1-0000aaaa', 'mini-vm', 'switch', '192.168.50.7', 1000, 5000, 4, 'units-failed', 4000, '/d/rebuilds/mx1-0000aaaa.log', 'failed units: x', '{"phase":"done","built":7,"total":7,"failedUnits":["x"]}', 0);
    ins.run('mx2-0000bbbb', 'mini-vm', 'build', '127.0.0.1', 6000, null, null, 'interrupted', null, '/d/rebuilds/mx2-0000bbbb.log', null, null, 1);
    db.exec(JOBS_DDL);
    expect(migrateRebuildRuns(db)).toBe(2);
    const rows = db.prepare('SELECT * FROM jobs ORDER BY started_at').all() as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ id: 'mx1-0000aaaa', kind: 'rebuild', target: 'mini-vm', lock_key: 'mini-vm', mode: 'switch', client: '192.168.50.7', exit_code: 4, outcome: 'units-failed', duration_ms: 4000, summary: 'failed units: x', pid: null, detail: null });
    expect(JSON.parse(rows[0].progress as string)).toMatchObject({ built: 7, failedUnits: ['x'] });
    expect(rows[1]).toMatchObject({ id: 'mx2-0000bbbb', mode: 'build', truncated: 1, ended_at: null });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'rebuild_runs'").get()).toBeUndefined();
    expect(migrateRebuildRuns(db)).toBe(0);
  });
});
