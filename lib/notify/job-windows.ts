import type { AlertEvent, JobInfo, ServiceRef } from './events';

// Maintenance windows opened by jobs: a rebuild, a unit action or a garbage collection on a
// machine keeps that machine's alerts quiet for the job's duration plus `settleSeconds`, and at
// the close one summary says how it went.

export const DEFAULT_SETTLE_SECONDS = 120;

export interface JobWindow {
  /** `job:<kind>:<id>`: the summary's key, and what history marks ("during rebuild #12"). */
  id: string;
  job: Pick<JobInfo, 'id' | 'kind' | 'machine' | 'label'>;
  startedAt: number;
  /** Absent while the job runs: the window stays open. */
  endedAt?: number;
  outcome?: string;
  settleMs: number;
}

export const jobWindowId = (job: Pick<JobInfo, 'id' | 'kind'>) => `job:${job.kind}:${job.id}`;

/** A job started: its window opens. From the job's own record, so a restart rebuilds the same window. */
export function openJobWindow(job: JobWindow['job'], startedAt: number, settleSeconds = DEFAULT_SETTLE_SECONDS): JobWindow {
  return { id: jobWindowId(job), job, startedAt, settleMs: Math.max(0, settleSeconds) * 1000 };
}

/** The job ended: the window closes `settleSeconds` later. */
export function finishJobWindow(w: JobWindow, endedAt: number, outcome: string): JobWindow {
  return { ...w, endedAt, outcome };
}

/** When the window closes; null while the job runs. */
export function jobWindowEnd(w: JobWindow): number | null {
  return w.endedAt === undefined ? null : w.endedAt + w.settleMs;
}

export function isJobWindowOpen(w: JobWindow, now: number): boolean {
  const end = jobWindowEnd(w);
  return now >= w.startedAt && (end === null || now < end);
}

/** The open window on `machine` that closes last (a running job's first), or null. */
export function openJobWindowOn(windows: readonly JobWindow[], machine: string, now: number): JobWindow | null {
  const end = (w: JobWindow) => jobWindowEnd(w) ?? Infinity;
  return windows.filter((w) => w.job.machine === machine && isJobWindowOpen(w, now)).reduce<JobWindow | null>((b, w) => (!b || end(w) > end(b) ? w : b), null);
}

/** Windows whose close has come: each is due its summary (once: the summary's key is the window's id). */
export function closedJobWindows(windows: readonly JobWindow[], now: number): JobWindow[] {
  return windows.filter((w) => {
    const end = jobWindowEnd(w);
    return end !== null && now >= end;
  });
}

/** A service as the summary sees it at the close. */
export interface ServiceNow extends ServiceRef {
  machine: string;
  state: string;
}

/** Everything on `machine` that is not up: "still down" in a summary. Unknown (never probed) is left out. */
export function notBack(services: readonly ServiceNow[], machine: string): ServiceRef[] {
  return services
    .filter((s) => s.machine === machine && s.state !== 'up' && s.state !== 'unknown')
    .map((s) => (s.state === 'down' ? { service: s.service, name: s.name } : { service: s.service, name: s.name, state: s.state }));
}

/** The one message at the close: "rebuild #12 succeeded; all services back" or who is still down. */
export function jobWindowSummary(w: JobWindow, services: readonly ServiceNow[], at: number): Extract<AlertEvent, { type: 'maintenance' }> {
  return { type: 'maintenance', windowId: w.id, cause: w.job.kind, label: w.job.label, machine: w.job.machine, outcome: w.outcome, stillDown: notBack(services, w.job.machine), at };
}
