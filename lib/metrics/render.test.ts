import parse from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { snap } from '../history/test-helpers';
import { renderMetrics } from './render';
import { lastFinishedPerTarget } from '../jobs/store';
import { JOBS_DDL } from '../jobs/schema';
import Database from 'better-sqlite3';

const T0 = Date.UTC(2026, 0, 1);

function family(text: string, name: string) {
  return parse(text).find((f) => f.name === name);
}

describe('metrics', () => {
  it('parses as Prometheus text and says what is up, how fast, and how the store is', () => {
    const s = snap(T0, { jellyfin: 'up', synapse: 'down' }, 'running', 42);
    s.machines[0].services[0].history = { uptime: { h24: 0.5, d7: 0.75, d30: null }, spark: [] };
    s.machines[0].name = 'mini "vm"\\';
    const text = renderMetrics({
      snapshot: s,
      history: { ok: true, pending: 0, dropped: 0, lastWriteAt: T0 },
      storeOpen: true,
      dbBytes: 4096,
      rebuilds: [{ target: 'mini-vm', outcome: 'failed', startedAt: T0 - 60_000, endedAt: T0, exitCode: 1, durationMs: null }],
    });
    const up = family(text, 'minivm_service_up')!;
    expect(up.type).toBe('GAUGE');
    expect(up.metrics.map((m) => [m.labels?.service, m.value])).toEqual([
      ['jellyfin', '1'],
      ['synapse', '0'],
    ]);
    expect(up.metrics[0].labels?.machine).toBe('mini "vm"\\');
    expect(family(text, 'minivm_service_probe_latency_seconds')!.metrics).toEqual([{ labels: { service: 'jellyfin' }, value: '0.042' }]);
    const state = family(text, 'minivm_service_state')!.metrics.filter((m) => m.value === '1');
    expect(state.map((m) => `${m.labels?.service}=${m.labels?.state}`)).toEqual(['jellyfin=up', 'synapse=down']);
    expect(family(text, 'minivm_orbstack_state')!.metrics.find((m) => m.value === '1')?.labels?.state).toBe('running');
    expect(family(text, 'minivm_service_uptime_ratio')!.metrics.map((m) => `${m.labels?.window}:${m.value}`)).toEqual(['24h:0.5', '7d:0.75']);
    expect(family(text, 'minivm_rebuild_last_success')!.metrics).toEqual([{ labels: { target: 'mini-vm', outcome: 'failed' }, value: '0' }]);
    const units = renderMetrics({
      snapshot: s,
      history: { ok: true, pending: 0, dropped: 0, lastWriteAt: T0 },
      storeOpen: true,
      dbBytes: 4096,
      rebuilds: [
        { target: 'mini-vm', outcome: 'units-failed', startedAt: T0 - 60_000, endedAt: T0, exitCode: 0, durationMs: 60_000 },
        { target: 'other', outcome: 'succeeded', startedAt: T0 - 60_000, endedAt: T0, exitCode: 0, durationMs: 60_000 },
      ],
    });
    // Exit 0 with failed units is not a success.
    expect(family(units, 'minivm_rebuild_last_success')!.metrics.map((m) => `${m.labels?.target}=${m.value}`)).toEqual(['mini-vm=0', 'other=1']);
    expect(family(text, 'minivm_rebuild_last_duration_seconds')!.metrics[0].value).toBe('60');
    expect(family(text, 'minivm_history_store_healthy')!.metrics[0].value).toBe('1');
    expect(family(text, 'minivm_history_dropped_rounds_total')!.type).toBe('COUNTER');
  });

  it('reports an unhealthy store and no rebuild metrics without a rebuild table', () => {
    const db = new Database(':memory:');
    expect(lastFinishedPerTarget('rebuild', db)).toEqual([]);
    expect(lastFinishedPerTarget('rebuild', null)).toEqual([]);
    const text = renderMetrics({ snapshot: snap(T0, {}), history: { ok: false, error: 'disk full', pending: 3, dropped: 0, lastWriteAt: null }, storeOpen: true, rebuilds: [] });
    expect(family(text, 'minivm_history_store_healthy')!.metrics[0].value).toBe('0');
    expect(family(text, 'minivm_history_pending_rounds')!.metrics[0].value).toBe('3');
    expect(family(text, 'minivm_rebuild_last_success')).toBeUndefined();
  });

  it('reads the latest finished rebuild per target from the job store', () => {
    const db = new Database(':memory:');
    // The job store's own table and query: the metrics own no SQL of their own.
    db.exec(JOBS_DDL);
    const ins = db.prepare(
      'INSERT INTO jobs (id, kind, target, mode, lock_key, client, started_at, ended_at, exit_code, outcome, duration_ms, log_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    ins.run('1', 'rebuild', 'mini-vm', 'switch', 'mini-vm', 'x', 1000, 2000, 0, 'succeeded', 1000, '/tmp/1.log');
    ins.run('2', 'rebuild', 'mini-vm', 'switch', 'mini-vm', 'x', 3000, 5000, 1, 'failed', 2000, '/tmp/2.log');
    ins.run('3', 'rebuild', 'mini-vm', 'switch', 'mini-vm', 'x', 6000, null, null, 'running', null, '/tmp/3.log');
    ins.run('4', 'rebuild', 'other', 'test', 'other', 'x', 1000, 1500, 0, 'succeeded', 500, '/tmp/4.log');
    // Another kind of job on the same target is not a rebuild.
    ins.run('5', 'gc', 'mini-vm', '', 'mini-vm', 'x', 7000, 8000, 1, 'failed', 1000, '/tmp/5.log');
    expect(lastFinishedPerTarget('rebuild', db)).toEqual([
      { target: 'mini-vm', outcome: 'failed', startedAt: 3000, endedAt: 5000, exitCode: 1, durationMs: 2000 },
      { target: 'other', outcome: 'succeeded', startedAt: 1000, endedAt: 1500, exitCode: 0, durationMs: 500 },
    ]);
  });
});
