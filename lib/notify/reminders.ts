import type { AlertEvent } from './events';
import type { Quiet } from './quiet';

// "Jellyfin still down, for 2 h 10 min": while a service stays down, a reminder every
// `remindEveryMinutes` (per notifier, off by default). A function from state to what is due now,
// so a restart carries on from the incident's start and the last reminder, with no timer to lose.

export interface DownIncident {
  incidentId: number | string;
  service: string;
  name: string;
  machine: string;
  downSince: number;
  /** The last reminder (or window summary naming it still down) this notifier sent; absent: none yet. */
  lastReminderAt?: number | null;
  /** Set once it recovered: reminders stop. */
  recoveredAt?: number | null;
  reason?: string;
}

export type ReminderDue =
  | { due: true; event: Extract<AlertEvent, { type: 'reminder' }> }
  | { due: false; why: 'off' | 'recovered' | 'not-yet' | 'quiet'; nextAt: number | null; quiet?: Quiet };

/** When the next reminder falls due, ignoring quiet: every interval after the start or the last one. */
export function nextReminderAt(inc: DownIncident, everyMs: number): number {
  return Math.max(inc.downSince, inc.lastReminderAt ?? inc.downSince) + everyMs;
}

/**
 * Whether a reminder is due at `now`. Missed ones are not sent in a burst: one reminder says how
 * long it has been. During a quiet (silence, window) none is sent; when it ends one is due at
 * once if the interval has passed. The slot (how many intervals since the start) makes the key,
 * so the same reminder cannot be queued twice.
 */
export function reminderDue(inc: DownIncident, remindEveryMinutes: number | null | undefined, now: number, quiet: Quiet | null = null): ReminderDue {
  if (!remindEveryMinutes || remindEveryMinutes <= 0) return { due: false, why: 'off', nextAt: null };
  if (inc.recoveredAt !== undefined && inc.recoveredAt !== null && inc.recoveredAt <= now) return { due: false, why: 'recovered', nextAt: null };
  const every = remindEveryMinutes * 60_000;
  const next = nextReminderAt(inc, every);
  if (now < next) return { due: false, why: 'not-yet', nextAt: next };
  if (quiet) return { due: false, why: 'quiet', nextAt: quiet.until === null ? null : Math.max(next, quiet.until), quiet };
  const slot = Math.floor((now - inc.downSince) / every);
  return {
    due: true,
    event: { type: 'reminder', incidentId: inc.incidentId, service: inc.service, name: inc.name, machine: inc.machine, at: now, downForMs: now - inc.downSince, slot, reason: inc.reason },
  };
}

/** The reminders due now across open incidents; `quietOf` answers for each (quiet.ts's quietFor). */
export function remindersDue(
  incidents: readonly DownIncident[],
  remindEveryMinutes: number | null | undefined,
  now: number,
  quietOf: (about: { machine: string; service: string }) => Quiet | null,
): Extract<AlertEvent, { type: 'reminder' }>[] {
  const due: Extract<AlertEvent, { type: 'reminder' }>[] = [];
  for (const inc of incidents) {
    const r = reminderDue(inc, remindEveryMinutes, now, quietOf({ machine: inc.machine, service: inc.service }));
    if (r.due) due.push(r.event);
  }
  return due;
}
