import type { AlertsView, QuietView, SilenceView } from '../snapshot/alerts';
import { jobWindows } from './intake';
import { jobWindowEnd, openJobWindowOn } from './job-windows';
import type { AlertRuntime } from './runtime';
import { openSilences } from './silence-store';
import type { Silence } from './silences';
import { activeWindows, windowLabel } from './windows';

export function silenceView(s: Silence): SilenceView {
  return {
    id: s.id,
    machine: s.target.machine,
    ...(s.target.service ? { service: s.target.service } : {}),
    name: s.name,
    reason: s.reason,
    createdAt: s.createdAt,
    until: s.until === 'recovery' ? null : s.until,
  };
}

/** What keeps alerts quiet right now, per machine, for the cards. */
export function alertsView(rt: AlertRuntime, now: number): AlertsView {
  const machines = [...new Set(rt.services.map((s) => s.machine))];
  const windows = jobWindows(rt, now);
  const quiet: QuietView[] = [];
  for (const machine of machines) {
    const job = openJobWindowOn(windows, machine, now);
    if (job) quiet.push({ machine, kind: 'job', label: job.job.label, until: jobWindowEnd(job) });
  }
  for (const occ of activeWindows(rt.scheduled, new Date(now), rt.tz)) {
    const on = occ.window.services ? [...new Set(rt.services.filter((s) => occ.window.services!.includes(s.id)).map((s) => s.machine))] : machines;
    for (const machine of on) quiet.push({ machine, kind: 'scheduled', label: windowLabel(occ.window), until: occ.end.getTime(), ...(occ.window.services ? { services: occ.window.services } : {}) });
  }
  const live = openSilences(rt.db).filter((s) => s.until === 'recovery' || s.until > now);
  return { silences: live.map(silenceView), quiet };
}
