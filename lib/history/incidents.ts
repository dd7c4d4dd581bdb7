import { stmt, type Db } from '../db';
import { probeSentence } from '../probe-sentence';
import { machineDown, machineRuns } from '../states';
import { recovered } from './classify';
import { machineSubject } from './schema';
import type { MachineState, ServiceState, Snapshot } from '../types';

/** The part of a snapshot incidents are made from; a round waiting for the store keeps only this. */
export interface TrackedRound {
  machines: { name: string; state: MachineState; reason: string; services: { id: string; name: string; state: ServiceState; reason: string }[] }[];
}

export function trackedRound(snap: Snapshot): TrackedRound {
  return {
    machines: snap.machines.map((m) => ({
      name: m.name,
      state: m.state,
      reason: m.reason,
      services: m.services.map((s) => ({ id: s.id, name: s.name, state: s.state, reason: probeSentence(s) })),
    })),
  };
}

export interface OpenIncident {
  id: number;
  subject: string;
  startedAt: number;
}

/** What a state change means for notifications; each carries the incident it belongs to. */
export type HistoryEvent =
  | { type: 'down'; incidentId: number; service: string; name: string; machine: string; at: number; reason: string }
  | { type: 'recovered'; incidentId: number; service: string; name: string; machine: string; at: number; durationMs: number }
  | { type: 'vm-stopped'; incidentId: number; machine: string; at: number; state: MachineState; reason: string }
  | { type: 'vm-running'; incidentId: number; machine: string; at: number; durationMs: number };

/**
 * Turns consecutive snapshots into incidents. The open ones live in the database, so a restart
 * continues them instead of opening (and notifying) them a second time.
 */
export class IncidentTracker {
  private open = new Map<string, OpenIncident>();
  private last = new Map<string, string>();
  private loaded = false;

  /** Apply one snapshot taken at `at`; call inside a transaction. Returns the new events. */
  apply(db: Db, snap: TrackedRound, at: number): HistoryEvent[] {
    if (!this.loaded) this.load(db);
    const events: HistoryEvent[] = [];
    for (const m of snap.machines) {
      const subject = machineSubject(m.name);
      const cur = this.open.get(subject);
      if (machineDown(m.state) && !cur) {
        const id = this.insert(db, subject, 'machine', this.last.get(subject) ?? 'running', m.state, at, m.reason);
        events.push({ type: 'vm-stopped', incidentId: id, machine: m.name, at, state: m.state, reason: m.reason });
      } else if (machineRuns(m.state) && cur) {
        this.close(db, cur, at, 'running again');
        events.push({ type: 'vm-running', incidentId: cur.id, machine: m.name, at, durationMs: at - cur.startedAt });
      }
      if (m.state !== 'unknown') this.last.set(subject, m.state);
      for (const s of m.services) events.push(...this.service(db, m.name, s, at));
    }
    if (events.length) {
      const mark = stmt(db, 'UPDATE history_incidents SET notified_open = notified_open OR ?, notified_close = notified_close OR ? WHERE id = ?');
      for (const e of events) mark.run(e.type === 'down' || e.type === 'vm-stopped' ? 1 : 0, e.type === 'recovered' || e.type === 'vm-running' ? 1 : 0, e.incidentId);
    }
    return events;
  }

  private service(db: Db, machine: string, s: TrackedRound['machines'][number]['services'][number], at: number): HistoryEvent[] {
    const { id, name, state, reason } = s;
    const cur = this.open.get(id);
    const prev = this.last.get(id);
    if (state !== 'unknown' && state !== 'pending') this.last.set(id, state);
    if (state === 'down' && !cur) {
      const iid = this.insert(db, id, 'service', prev ?? 'unknown', 'down', at, reason);
      return [{ type: 'down', incidentId: iid, service: id, name, machine, at, reason }];
    }
    if (cur && state === 'vm-stopped') {
      // The machine incident carries on from here: one outage, one incident.
      this.close(db, cur, at, 'the VM stopped');
      return [];
    }
    if (cur && recovered(state)) {
      this.close(db, cur, at, `recovered (${state})`);
      return [{ type: 'recovered', incidentId: cur.id, service: id, name, machine, at, durationMs: at - cur.startedAt }];
    }
    return [];
  }

  private insert(db: Db, subject: string, kind: string, from: string, to: string, at: number, reason: string): number {
    const r = stmt(db, 'INSERT INTO history_incidents (subject, kind, from_state, to_state, started_at, reason) VALUES (?, ?, ?, ?, ?, ?)').run(subject, kind, from, to, at, reason.slice(0, 500));
    const id = Number(r.lastInsertRowid);
    this.open.set(subject, { id, subject, startedAt: at });
    return id;
  }

  private close(db: Db, inc: OpenIncident, at: number, why: string): void {
    stmt(db, 'UPDATE history_incidents SET ended_at = ?, end_reason = ? WHERE id = ?').run(Math.max(at, inc.startedAt), why, inc.id);
    this.open.delete(inc.subject);
  }

  private load(db: Db): void {
    const rows = stmt(db, 'SELECT id, subject, started_at AS startedAt, to_state AS toState FROM history_incidents WHERE ended_at IS NULL ORDER BY started_at').all() as (OpenIncident & { toState: string })[];
    for (const r of rows) {
      this.open.set(r.subject, { id: r.id, subject: r.subject, startedAt: r.startedAt });
      this.last.set(r.subject, r.toState);
    }
    this.loaded = true;
  }

  /** Forget cached state, e.g. after the database was reopened. */
  reset(): void {
    this.open.clear();
    this.loaded = false;
  }
}
