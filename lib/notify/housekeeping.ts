import { decide } from './decide';
import { announcedAt, heldCount, isDecided, markAnnounced } from './event-log';
import { alertKey, passesFilter, type AlertEvent, type ServiceRef } from './events';
import { decisionContext, jobWindows, quietContext, type Handle } from './intake';
import { closedJobWindows, jobWindowEnd, jobWindowSummary } from './job-windows';
import { quietFor } from './quiet';
import { lastEnqueuedAt } from './queue-store';
import { reminderDue } from './reminders';
import { servicesNow, type AlertRuntime, type World } from './runtime';
import { closeSilence, openSilences } from './silence-store';
import { endSilences, type SilenceTarget } from './silences';
import { scheduledWindowSummary, silenceEndSummary } from './summaries';
import { activeWindows, type WindowOccurrence } from './windows';

// What the clock brings, checked after every probe round: windows that closed (their summary),
// silences that ended, reminders that fell due.

/** A window closed longer ago than this (the dashboard was off) gets no summary any more. */
const SUMMARY_GRACE_MS = 3600_000;

/** Services a summary names still down: their outage has now been told. */
function announceStillDown(rt: AlertRuntime, still: readonly ServiceRef[], now: number): void {
  if (!still.length) return;
  const ids = new Set(still.map((s) => s.service));
  for (const inc of rt.openIncidents()) if (ids.has(inc.service)) markAnnounced(rt.db, inc.id, now);
}

function summarise(rt: AlertRuntime, handle: Handle, e: Extract<AlertEvent, { type: 'maintenance' }>, now: number): void {
  if (isDecided(rt.db, alertKey(e))) return;
  const r = handle(e);
  if (r?.action === 'notify') announceStillDown(rt, e.stillDown, now);
}

export function closeJobWindows(rt: AlertRuntime, world: World, handle: Handle, now: number): void {
  for (const w of closedJobWindows(jobWindows(rt, now), now)) {
    if (now - jobWindowEnd(w)! > SUMMARY_GRACE_MS) continue;
    summarise(rt, handle, jobWindowSummary(w, servicesNow(rt, world), now), now);
  }
}

/** Scheduled windows seen open last time and closed now; `seen` is kept by the caller between calls. */
export function closeScheduledWindows(rt: AlertRuntime, world: World, handle: Handle, now: number, seen: Map<string, WindowOccurrence>): void {
  const open = new Map(activeWindows(rt.scheduled, new Date(now), rt.tz).map((o) => [o.id, o]));
  for (const [id, occ] of seen) {
    if (open.has(id)) continue;
    seen.delete(id);
    const s = scheduledWindowSummary(occ, servicesNow(rt, world), heldCount(rt.db, occ.id), occ.end.getTime());
    if (s) summarise(rt, handle, s, now);
  }
  for (const [id, occ] of open) seen.set(id, occ);
}

/** Silences that ran out or whose target is back end by themselves; one that ran out over an outage says so. */
export function endDueSilences(rt: AlertRuntime, world: World, handle: Handle, now: number): void {
  const states = servicesNow(rt, world);
  const machines = new Map((world.round?.machines ?? []).map((m) => [m.name, m.state]));
  const recovered = (t: SilenceTarget) =>
    machines.get(t.machine) === 'running' && states.filter((s) => s.machine === t.machine && (!t.service || s.service === t.service)).every((s) => s.state === 'up');
  // Before the first round nothing is known to be back.
  const { ended } = endSilences(openSilences(rt.db), now, world.round ? recovered : () => false);
  for (const end of ended) {
    if (!closeSilence(rt.db, end.silence.id, end.why, end.at)) continue;
    const summary = silenceEndSummary(end, states);
    if (summary) summarise(rt, handle, summary, now);
  }
}

/** Each notifier with remindEveryMinutes: one reminder per interval for every outage it was told of. */
export function sendReminders(rt: AlertRuntime, world: World, handle: Handle, now: number): void {
  const reminding = [...rt.channels.values()].filter((c) => c.remindEveryMinutes);
  if (!reminding.length) return;
  const info = new Map(rt.services.map((s) => [s.id, s]));
  const qctx = quietContext(rt, now);
  for (const inc of rt.openIncidents()) {
    const svc = info.get(inc.service);
    const told = announcedAt(rt.db, inc.id);
    if (!svc || told === null) continue;
    const about = { machine: svc.machine, service: svc.id };
    for (const c of reminding) {
      const last = Math.max(told, lastEnqueuedAt(rt.db, c.id, `reminder:${inc.id}:`) ?? 0);
      const base = { incidentId: inc.id, service: svc.id, name: svc.name, machine: svc.machine, downSince: inc.startedAt, lastReminderAt: last, reason: inc.reason };
      const due = reminderDue(base, c.remindEveryMinutes, now, quietFor(about, qctx));
      if (!due.due || !passesFilter(due.event, c.filter)) continue;
      handle(due.event, { key: `${alertKey(due.event)}>${c.id}`, only: c.id, decision: decide(due.event, decisionContext(rt, world, now)) });
    }
  }
}
