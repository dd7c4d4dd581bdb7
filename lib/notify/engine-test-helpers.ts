import { MATRIX_DEMO } from '../../demo/lab/matrix-sim.mjs';
import type { Db } from '../db';
import { notificationsSchema } from '../config/schema/notifications';
import { buildChannel, type Channel } from './channel';
import type { RoundView } from './dependencies';
import { AlertEngine } from './engine';
import type { JobSpan } from './job-source';
import type { AlertRuntime, OpenIncident } from './runtime';

// An engine over real loopback servers (the lab's Matrix simulator and ntfy-like sink), with a
// clock the test moves and jobs and incidents the test sets.

export const T0 = Date.UTC(2026, 4, 1, 10, 0);
export const MIN = 60_000;

export interface Rig {
  engine: AlertEngine;
  clock: { now: number };
  jobs: JobSpan[];
  incidents: OpenIncident[];
  logs: string[];
  rt: AlertRuntime;
}

export function channels(matrixUrl: string, sinkUrl: string, over: { matrix?: Record<string, unknown>; ntfy?: Record<string, unknown> } = {}): Map<string, Channel> {
  const list = notificationsSchema.parse([
    { id: 'matrix', kind: 'matrix', homeserver: matrixUrl, room: MATRIX_DEMO.alias, tokenEnv: 'BOT_TOKEN', fallback: 'phone', retries: 1, retryDelayMs: 1000, maxRetryDelayMs: 4000, timeoutMs: 1500, ...over.matrix },
    { id: 'phone', kind: 'ntfy', url: `${sinkUrl}/mini-vm`, events: [], retryDelayMs: 1000, timeoutMs: 1500, ...over.ntfy },
  ]);
  return new Map(list.map((n) => [n.id, buildChannel(n, { env: { BOT_TOKEN: MATRIX_DEMO.token } })]));
}

export function rig(db: Db, chans: Map<string, Channel>, over: Partial<AlertRuntime> = {}): Rig {
  const clock = { now: T0 };
  const jobs: JobSpan[] = [];
  const incidents: OpenIncident[] = [];
  const logs: string[] = [];
  const rt: AlertRuntime = {
    db,
    durable: true,
    channels: chans,
    tz: 'UTC',
    settleSeconds: 120,
    scheduled: [],
    services: [
      { id: 'jellyfin', name: 'Jellyfin', machine: 'mini-vm', url: 'http://127.0.0.1:1/' },
      { id: 'synapse', name: 'Matrix Synapse', machine: 'mini-vm', url: 'http://127.0.0.1:2/' },
    ],
    hopRounds: 1,
    jobs: { recent: () => jobs },
    openIncidents: () => incidents,
    now: () => clock.now,
    log: (l) => logs.push(l),
    fault: (l) => logs.push(`FAULT ${l}`),
    ...over,
  };
  const engine = new AlertEngine(rt);
  engine.start();
  return { engine, clock, jobs, incidents, logs, rt };
}

/** A probe round: every service up unless named; the machine running unless said. */
export function round(states: Record<string, string> = {}, machine = 'running'): RoundView {
  return {
    machines: [
      {
        name: 'mini-vm',
        state: machine,
        services: [
          { id: 'jellyfin', name: 'Jellyfin', state: states.jellyfin ?? 'up' },
          { id: 'synapse', name: 'Matrix Synapse', state: states.synapse ?? 'up' },
        ],
      },
    ],
  };
}
