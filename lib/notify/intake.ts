import { decide, type Decision, type DecisionContext } from './decide';
import { coveredServices } from './dependencies';
import { announcedAt, isDecided, markAnnounced, recordDecision, setTargets } from './event-log';
import { alertCategoriesOf, alertKey, passesFilter, type AlertEvent } from './events';
import { finishJobWindow, openJobWindow, type JobWindow } from './job-windows';
import type { QuietContext } from './quiet';
import { enqueue } from './queue-store';
import type { AlertRuntime, World } from './runtime';
import { openSilences } from './silence-store';

// An event comes in: decide (send, hold, drop), record the decision, and put what is to be sent
// into the queue for every notifier whose filters take it, in one transaction.

/** The maintenance windows of the jobs the source knows, as they stand at `now`. */
export function jobWindows(rt: AlertRuntime, now: number): JobWindow[] {
  return rt.jobs.recent(now).map((j) => {
    const w = openJobWindow(j.job, j.startedAt, rt.settleSeconds);
    return j.endedAt === null ? w : finishJobWindow(w, j.endedAt, j.outcome);
  });
}

export function quietContext(rt: AlertRuntime, now: number, windows = jobWindows(rt, now)): QuietContext {
  return { now, tz: rt.tz, silences: openSilences(rt.db), jobWindows: windows, scheduled: rt.scheduled };
}

export function decisionContext(rt: AlertRuntime, world: World, now: number): DecisionContext {
  const windows = jobWindows(rt, now);
  return {
    ...quietContext(rt, now, windows),
    covered: world.round ? coveredServices(world.round) : undefined,
    jobWindowIds: new Set(windows.map((w) => w.id)),
  };
}

const isRecovery = (e: AlertEvent) => e.type === 'recovered' || e.type === 'machine-up' || e.type === 'hop-up';
const isOutage = (e: AlertEvent) => e.type === 'down' || e.type === 'machine-down' || e.type === 'hop-down';

/** Queue one event for every notifier whose filters take it; how many did. */
export function enqueueAll(rt: AlertRuntime, e: AlertEvent, key: string, now: number, only?: string): number {
  let n = 0;
  for (const c of rt.channels.values()) {
    if (only ? c.id !== only : !passesFilter(e, c.filter)) continue;
    enqueue(rt.db, { notifier: c.id, eventKey: key, category: alertCategoriesOf(e)[0], payload: e, eventAt: e.at }, now);
    n++;
  }
  return n;
}

export type Handled = (Decision & { key: string; targets: number }) | { action: 'repeat'; key: string };

export interface HandleOptions {
  /** The decision's key, when not the event's own (a reminder per notifier). */
  key?: string;
  /** Give it to this notifier alone. */
  only?: string;
  /** Already decided by the caller. */
  decision?: Decision;
}

/** How housekeeping hands an event in; null when it could not be recorded. */
export type Handle = (e: AlertEvent, opts?: HandleOptions) => Handled | null;

/** Decide and record one event; `key` defaults to the event's own (a reminder per notifier passes its own). */
export function handleEvent(rt: AlertRuntime, world: World, e: AlertEvent, opts: HandleOptions = {}): Handled {
  const key = opts.key ?? alertKey(e);
  const now = rt.now();
  if (isDecided(rt.db, key)) return { action: 'repeat', key };
  let d = opts.decision;
  if (!d) {
    // Quiet as it was when the change happened: rounds written late (the store was down) keep their windows.
    const ctx = decisionContext(rt, world, Math.min(e.at, now));
    if (isRecovery(e) && 'incidentId' in e) ctx.downNotified = announcedAt(rt.db, e.incidentId) !== null;
    d = decide(e, ctx);
  }
  const decision = d;
  const targets = rt.db.transaction(() => {
    if (!recordDecision(rt.db, key, e, { action: decision.action, why: decision.why, quiet: decision.action === 'notify' ? undefined : decision.quiet }, now)) return -1;
    if (decision.action !== 'notify') return 0;
    const n = enqueueAll(rt, e, key, now, opts.only);
    setTargets(rt.db, key, n);
    if (isOutage(e) && 'incidentId' in e) markAnnounced(rt.db, e.incidentId, now);
    return n;
  })();
  if (targets < 0) return { action: 'repeat', key };
  return { ...decision, key, targets };
}
