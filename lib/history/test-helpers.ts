import Database from 'better-sqlite3';
import { withHeadline } from '../headline';
import type { MachineState, ProbeVerdict, ServiceState, Snapshot } from '../types';
import { HISTORY_DDL } from './schema';

export function memoryDb() {
  const db = new Database(':memory:');
  db.exec(HISTORY_DDL);
  return db;
}

/** A snapshot of one machine with the given service states, taken at `at` (ms). */
export function snap(at: number, services: Record<string, ServiceState>, machine: MachineState = 'running', latencyMs = 20): Snapshot {
  return withHeadline({
    generatedAt: new Date(at).toISOString(),
    durationMs: 5,
    pollIntervalMs: 15_000,
    checkIntervalMs: 60_000,
    orbstack: { state: 'running' },
    machines: [
      {
        name: 'mini-vm',
        state: machine,
        reason: machine === 'running' ? 'running' : `orb reports it ${machine}`,
        services: Object.entries(services).map(([id, state]) => ({
          id,
          name: id,
          kind: 'http',
          kindLabel: 'HTTP',
          url: 'http://127.0.0.1:1',
          openUrl: 'http://127.0.0.1:1',
          ...verdict(state, machine),
          latencyMs: state === 'up' ? latencyMs : null,
          checkedAt: new Date(at).toISOString(),
        })),
      },
    ],
  });
}

export const settings = { rawHours: 24, minuteDays: 7, hourDays: 400, incidentDays: 400 };

/** A plausible verdict for each state: down is a refused connection, vm-stopped the machine's state. */
export function verdict(state: ServiceState, machine: MachineState = 'running'): Omit<ProbeVerdict, 'latencyMs'> {
  const by: Record<ServiceState, Omit<ProbeVerdict, 'latencyMs' | 'state'>> = {
    up: { cause: 'healthy' },
    degraded: { cause: 'status', endpoint: '/health', httpStatus: 500 },
    starting: { cause: 'starting', endpoint: '/health', httpStatus: 503 },
    pending: { cause: 'refused', failures: { count: 1, of: 2 } },
    down: { cause: 'refused' },
    unknown: { cause: 'probe-error' },
    'vm-stopped': { cause: 'machine-not-running', machine: 'mini-vm', machineState: machine },
  };
  return { state, ...by[state] };
}
