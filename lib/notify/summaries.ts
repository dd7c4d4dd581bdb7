import type { AlertEvent } from './events';
import { notBack, type ServiceNow } from './job-windows';
import type { SilenceEnd } from './silences';
import { windowCovers, windowLabel, type WindowOccurrence } from './windows';

// Closing messages for the quiet that is not a job's (job-windows.ts has that one): a scheduled
// window says how it went only when something happened in it or is still down; a silence that
// ran out says so only when its target is still down (that is a real alert).

type Summary = Extract<AlertEvent, { type: 'maintenance' }>;

export function scheduledWindowSummary(occ: WindowOccurrence, services: readonly ServiceNow[], heldCount: number, at: number): Summary | null {
  const covered = services.filter((s) => windowCovers(occ.window, s.service));
  const machines = [...new Set(covered.map((s) => s.machine))];
  const stillDown = machines.flatMap((m) => notBack(covered, m));
  if (heldCount === 0 && stillDown.length === 0) return null;
  return { type: 'maintenance', windowId: occ.id, cause: 'scheduled', label: windowLabel(occ.window), machine: machines.join(', '), stillDown, at };
}

export function silenceEndSummary(end: SilenceEnd, services: readonly ServiceNow[]): Summary | null {
  if (end.why !== 'expired') return null;
  const { target } = end.silence;
  const stillDown = notBack(services, target.machine).filter((s) => target.service === undefined || s.service === target.service);
  if (stillDown.length === 0) return null;
  return { type: 'maintenance', windowId: `silence:${end.silence.id}`, cause: 'silence', label: `The silence on ${end.silence.name}`, machine: target.machine, stillDown, at: end.at };
}
