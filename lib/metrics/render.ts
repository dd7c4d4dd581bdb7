import type { RecorderHealth } from '../history/recorder';
import { isAvailable, machineStates, orbStates, serviceStates } from '../states';
import type { Snapshot } from '../types';
import { Exposition, oneHot } from './exposition';
import type { LastJob } from '../jobs/store';

const sec = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : ms / 1000);

export interface MetricsInput {
  snapshot: Snapshot;
  history?: RecorderHealth;
  storeOpen: boolean;
  dbBytes?: number | null;
  rebuilds: LastJob[];
  /** From the alerting: decisions kept (30 days) and the queue per notifier and state. */
  alerts?: { decisions: Record<string, number>; queue: Record<string, Record<string, number>> };
}

/** Alerts: what was decided, what waits, and what is held quiet now (a window, a silence: "during rebuild …"). */
function alertFamilies(x: Exposition, s: Snapshot, alerts: MetricsInput['alerts']): void {
  if (!alerts) return;
  x.family('minivm_alert_decisions', 'gauge', 'Alert events of the last 30 days by decision: notify, hold (for a summary) or drop.', Object.entries(alerts.decisions).map(([d, n]) => [{ decision: d }, n]));
  x.family('minivm_alert_deliveries', 'gauge', 'Deliveries kept in the queue, by notifier and state.', Object.entries(alerts.queue).flatMap(([notifier, c]) => Object.entries(c).map(([state, n]): [Record<string, string>, number] => [{ notifier, state }, n])));
  const quiet = [...(s.alerts?.quiet ?? []).map((q) => ({ machine: q.machine, kind: q.kind, service: q.services?.join(',') ?? '' })), ...(s.alerts?.silences ?? []).map((v) => ({ machine: v.machine, kind: 'silence', service: v.service ?? '' }))];
  x.family('minivm_alerts_quiet', 'gauge', 'A maintenance window or silence holding alerts now (1 each).', quiet.map((q) => [q, 1]));
}

/** Everything the dashboard knows, as Prometheus text. Names are prefixed minivm_. */
export function renderMetrics({ snapshot: s, history, storeOpen, dbBytes, rebuilds, alerts }: MetricsInput): string {
  const services = s.machines.flatMap((m) => m.services.map((svc) => ({ ...svc, machine: m.name })));
  const x = new Exposition();
  x.family('minivm_orbstack_state', 'gauge', 'OrbStack engine state (1 for the current state).', oneHot(orbStates, s.orbstack.state));
  x.family('minivm_machine_state', 'gauge', 'Machine state as orb reports it (1 for the current state).', s.machines.flatMap((m) => oneHot(machineStates, m.state, { machine: m.name })));
  x.family('minivm_service_up', 'gauge', 'Whether the service answered its probe as up or degraded.', services.map((v) => [{ service: v.id, machine: v.machine }, isAvailable(v.state) ? 1 : 0]));
  x.family('minivm_service_state', 'gauge', 'Service state (1 for the current state).', services.flatMap((v) => oneHot(serviceStates, v.state, { service: v.id })));
  x.family('minivm_service_probe_latency_seconds', 'gauge', 'How long the last probe of the service took.', services.map((v) => [{ service: v.id }, sec(v.latencyMs)]));
  x.family(
    'minivm_service_uptime_ratio',
    'gauge',
    'Share of counted probes that were up over the window.',
    services.flatMap((v) => (['h24', 'd7', 'd30'] as const).map((w): [Record<string, string>, number | null | undefined] => [{ service: v.id, window: w.slice(1) + w[0] }, v.history?.uptime[w]])),
  );
  x.family('minivm_snapshot_timestamp_seconds', 'gauge', 'When the latest probe round finished (Unix time).', [[{}, Date.parse(s.generatedAt) / 1000]]);
  x.family('minivm_probe_round_duration_seconds', 'gauge', 'How long the latest probe round took.', [[{}, sec(s.durationMs)]]);
  x.family('minivm_rebuild_last_success', 'gauge', 'Whether the last finished rebuild of the target succeeded.', rebuilds.map((r) => [{ target: r.target, outcome: r.outcome }, r.outcome === 'succeeded' ? 1 : 0]));
  x.family('minivm_rebuild_last_end_timestamp_seconds', 'gauge', 'When the last rebuild of the target ended (Unix time).', rebuilds.map((r) => [{ target: r.target }, sec(r.endedAt)]));
  x.family('minivm_rebuild_last_duration_seconds', 'gauge', 'How long the last rebuild of the target took.', rebuilds.map((r) => [{ target: r.target }, sec(r.durationMs ?? (r.endedAt !== null && r.startedAt !== null ? r.endedAt - r.startedAt : null))]));
  x.family('minivm_rebuild_last_exit_code', 'gauge', 'Exit code of the last rebuild of the target.', rebuilds.map((r) => [{ target: r.target }, r.exitCode]));
  const healthy = storeOpen && history ? history.ok : false;
  x.family('minivm_history_store_healthy', 'gauge', 'Whether the history store is recording (1) or failing (0).', [[{}, healthy ? 1 : 0]]);
  x.family('minivm_history_pending_rounds', 'gauge', 'Probe rounds held in memory until the history store accepts them.', [[{}, history?.pending ?? 0]]);
  x.family('minivm_history_dropped_rounds_total', 'counter', 'Probe rounds lost because the history store stayed unwritable.', [[{}, history?.dropped ?? 0]]);
  x.family('minivm_history_last_write_timestamp_seconds', 'gauge', 'When the history store last accepted a round (Unix time).', [[{}, sec(history?.lastWriteAt)]]);
  x.family('minivm_history_db_bytes', 'gauge', 'Size of the SQLite file with its WAL.', [[{}, dbBytes]]);
  alertFamilies(x, s, alerts);
  return x.toString();
}
