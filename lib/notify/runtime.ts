import type { Db } from '../db';
import type { Channel } from './channel';
import type { RoundView } from './dependencies';
import type { JobSource } from './job-source';
import type { MaintenanceWindow } from './windows';

// What every part of the alerting works with: the store, the notifiers, the settings, the
// clock, and what the last probe round saw. Built once by configureNotify (or by a test).

export interface ServiceInfo {
  id: string;
  name: string;
  machine: string;
  url: string;
}

export interface OpenIncident {
  id: number | string;
  service: string;
  startedAt: number;
  reason: string;
}

export interface AlertRuntime {
  db: Db;
  durable: boolean;
  /** Why the queue lives in memory only. */
  dbProblem?: string;
  channels: ReadonlyMap<string, Channel>;
  tz: string;
  settleSeconds: number;
  scheduled: readonly MaintenanceWindow[];
  services: readonly ServiceInfo[];
  /** Rounds a hop must fail in a row before its alert (failuresBeforeDown). */
  hopRounds: number;
  jobs: Pick<JobSource, 'recent'>;
  /** Services down now (history's open incidents). */
  openIncidents(): OpenIncident[];
  now(): number;
  /** News for the owner: a message waits, went to the fallback, was given up. */
  log(line: string): void;
  /** A fault of the dashboard itself (the store would not take a decision). */
  fault(line: string): void;
}

/** What the last probe round said, kept between rounds. */
export interface World {
  round: RoundView | null;
}

/** Each service as a summary sees it now; unknown until the first round. */
export function servicesNow(rt: AlertRuntime, world: World): { service: string; name: string; machine: string; state: string }[] {
  const states = new Map<string, string>();
  for (const m of world.round?.machines ?? []) for (const s of m.services) states.set(s.id, s.state);
  return rt.services.map((s) => ({ service: s.id, name: s.name, machine: s.machine, state: states.get(s.id) ?? 'unknown' }));
}
