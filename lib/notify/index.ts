import type { Config } from '../config';
import { openIncidents } from '../history/open-incidents';
import { foldIntoSnapshots } from '../snapshot-store';
import { openAlertsDb } from './alerts-db';
import { buildChannel } from './channel';
import { AlertEngine } from './engine';
import type { AlertEvent } from './events';
import { rebuildJobSource, type JobSource, type RebuildRunInfo } from './job-source';
import type { AlertRuntime } from './runtime';
import { localTimeZone } from './zoned-time';
import { processState } from '../process-state';

export type { AlertEvent } from './events';
export type { RebuildRunInfo } from './job-source';

// Everything that has something to say (history, jobs, the features to come) calls notify();
// where it goes, and whether it is said now, later in a summary, or not at all, is decided here.

/** What callers hand in: an alert event, or a finished rebuild as the runner reports it. */
export type NotifyInput = AlertEvent | { type: 'rebuild'; run: RebuildRunInfo; at: number };

interface NotifyState {
  engine?: AlertEngine;
  jobs?: JobSource;
  unfold?: () => void;
}

const state = processState<NotifyState>('notify', () => ({}));

export interface NotifyOptions {
  env?: Partial<NodeJS.ProcessEnv>;
  log?: (line: string) => void;
  /** Tests: a runtime of their own instead of the one built from the config. */
  runtime?: Partial<AlertRuntime>;
}

function runtimeFrom(config: Config, jobs: JobSource, tz: string, opts: NotifyOptions): AlertRuntime {
  const store = openAlertsDb();
  // On stdout: a message that waits for its server is news for the owner, not a fault of the dashboard.
  const log = opts.log ?? ((line: string) => console.log(`mini-vm dashboard: ${line}`));
  if (!store.durable) log(`notifications: the queue is kept in memory only (${store.problem}); a restart loses what is pending`);
  return {
    db: store.db,
    durable: store.durable,
    dbProblem: store.problem,
    channels: new Map(config.notifications.map((n) => [n.id, buildChannel(n, { env: opts.env })])),
    tz,
    settleSeconds: config.maintenance.settleSeconds,
    scheduled: config.maintenance.windows,
    services: config.machines.flatMap((m) => m.services.map((s) => ({ id: s.id, name: s.name, machine: m.name, url: s.url }))),
    hopRounds: config.failuresBeforeDown,
    jobs,
    openIncidents: () => openIncidents().map((i) => ({ id: i.id, service: i.subject, startedAt: i.startedAt, reason: i.reason })),
    now: Date.now,
    log,
    fault: (line) => console.error(`mini-vm dashboard: ${line}`),
    ...opts.runtime,
  };
}

/** Set up the alerting from the config, once at server start; a later call replaces it. */
export function configureNotify(config: Config, opts: NotifyOptions = {}): AlertEngine {
  state.engine?.stop();
  state.unfold?.();
  const tz = config.maintenance.timeZone ?? localTimeZone();
  const jobs = rebuildJobSource(config, tz);
  const engine = new AlertEngine(runtimeFrom(config, jobs, tz, opts));
  state.engine = engine;
  state.jobs = jobs;
  // Every round moves the alerting on, and the cards learn of silences and windows from it.
  state.unfold = foldIntoSnapshots((round) => ({ alerts: engine.onRound(round) }));
  engine.start();
  return engine;
}

/** The running alerting, if configured. */
export function alertEngine(): AlertEngine | undefined {
  return state.engine;
}

/**
 * Announce an event: returns at once; the decision and the delivery follow. The same event
 * (by its key) is decided once, also across a restart. False before configureNotify.
 */
export function notify(input: NotifyInput): boolean {
  const { engine, jobs } = state;
  if (!engine || !jobs) return false;
  engine.submit(input.type === 'rebuild' ? jobs.fromRebuild(input.run, input.at) : input);
  return true;
}

/** For tests and shutdown: every event decided, and no delivery pass running. */
export function notifyIdle(): Promise<void> {
  return state.engine?.idle() ?? Promise.resolve();
}
