import type { HistoryEvent } from '../history/incidents';
import type { AlertEvent } from './events';

/** A state change the history recorded, as the alert it may become. */
export function fromHistory(e: HistoryEvent): AlertEvent {
  switch (e.type) {
    case 'down':
      return { type: 'down', incidentId: e.incidentId, service: e.service, name: e.name, machine: e.machine, at: e.at, reason: e.reason };
    case 'recovered':
      return { type: 'recovered', incidentId: e.incidentId, service: e.service, name: e.name, machine: e.machine, at: e.at, downForMs: e.durationMs };
    case 'vm-stopped':
      return { type: 'machine-down', incidentId: e.incidentId, machine: e.machine, at: e.at, state: e.state, reason: e.reason };
    case 'vm-running':
      return { type: 'machine-up', incidentId: e.incidentId, machine: e.machine, at: e.at, downForMs: e.durationMs };
  }
}
