import { openJobWindowOn, jobWindowEnd, type JobWindow } from './job-windows';
import { activeSilence, type Silence, type SilenceTarget } from './silences';
import { activeWindow, windowLabel, type MaintenanceWindow } from './windows';

// Whether alerts about a machine or service are quiet right now, and why: a job's maintenance
// window, a scheduled window from the config, or a silence. One answer for every caller (the
// decision on a state change, reminders), so they cannot disagree.

export interface QuietContext {
  now: number;
  /** The Mac mini's zone for scheduled windows (default: the process's). */
  tz?: string;
  silences: readonly Silence[];
  jobWindows: readonly JobWindow[];
  scheduled: readonly MaintenanceWindow[];
}

export interface Quiet {
  kind: 'job' | 'scheduled' | 'silence';
  /** The window's or silence's id: what history marks and what the summary is keyed on. */
  id: string;
  /** "rebuild #12", "the maintenance window (sun 03:00 for 60 min)", "silenced: moving the disk". */
  label: string;
  /** When it ends; null while a job runs or for a silence until recovery. */
  until: number | null;
}

/**
 * What keeps alerts about `about` quiet now, or null. A job's window comes first (history says
 * "during rebuild #12"), then a scheduled window, then a silence.
 */
export function quietFor(about: SilenceTarget, ctx: QuietContext): Quiet | null {
  const job = openJobWindowOn(ctx.jobWindows, about.machine, ctx.now);
  if (job) return { kind: 'job', id: job.id, label: job.job.label, until: jobWindowEnd(job) };
  const sched = activeWindow(ctx.scheduled, new Date(ctx.now), ctx.tz, { service: about.service });
  if (sched) return { kind: 'scheduled', id: sched.id, label: windowLabel(sched.window), until: sched.end.getTime() };
  const silence = activeSilence(ctx.silences, about, ctx.now);
  if (silence) return { kind: 'silence', id: `silence:${silence.id}`, label: `silenced: ${silence.reason}`, until: silence.until === 'recovery' ? null : silence.until };
  return null;
}
