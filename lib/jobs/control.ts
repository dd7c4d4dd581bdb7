import { recoverJobs } from './recover';
import { state, snapshot, type JobListener } from './state';
import { getStoredJob, listStoredJobs } from './store';
import type { JobRecord } from './types';

// Reads wait for the start-up recovery: until it is done, the store still calls the jobs of an
// earlier server process running.
const recovered = () => recoverJobs();

/** A job by id, wherever it is: running, orphaned, recently ended, or in the store. */
export async function getJob(id: string): Promise<JobRecord | undefined> {
  await recovered();
  return findJob(id);
}

/** getJob for code that runs after the recovery (a stream of a job already found). */
export function findJob(id: string): JobRecord | undefined {
  const active = state.active.get(id);
  if (active) return snapshot(active.job);
  return state.recent.get(id) ?? getStoredJob(id);
}

/** The latest jobs, newest first; the ones of this process win over what the store says of them. */
export async function listJobs(limit = 50): Promise<JobRecord[]> {
  await recovered();
  const byId = new Map<string, JobRecord>();
  for (const j of listStoredJobs(limit) ?? []) byId.set(j.id, j);
  for (const j of state.recent.values()) byId.set(j.id, j);
  for (const a of state.active.values()) byId.set(a.job.id, snapshot(a.job));
  return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt).slice(0, limit);
}

/** Jobs whose process may be alive (running here, or orphaned), newest first. */
export async function activeJobs(): Promise<JobRecord[]> {
  await recovered();
  return [...state.active.values()].map((a) => snapshot(a.job)).sort((a, b) => b.startedAt - a.startedAt);
}

/** Stop a job's process group. 'not-running' when it has ended (or was never known). */
export async function cancelJob(id: string): Promise<'cancelling' | 'not-running'> {
  await recovered();
  const active = state.active.get(id);
  return active && (await active.cancel()) ? 'cancelling' : 'not-running';
}

/**
 * Listen to an active job's lines, state changes and end. Null when it is not active. Lines are
 * written to the log before they are announced, so a caller that subscribes, then replays the
 * file, then takes the live events (skipping ids it has) misses nothing and repeats nothing.
 */
export function subscribeJob(id: string, listener: JobListener): (() => void) | null {
  if (!state.active.has(id)) return null;
  let set = state.listeners.get(id);
  if (!set) state.listeners.set(id, (set = new Set()));
  set.add(listener);
  return () => {
    state.listeners.get(id)?.delete(listener);
  };
}

/** The server is stopping: every job it runs is stopped (an orphan is left for the next start). */
export function stopAllJobs(): void {
  for (const a of state.active.values()) a.stop('shutdown');
}

/** What a reader who is not a signed-in admin may see of a job: everything but who started it. */
export function publicJob<T extends JobRecord>(job: T, admin: boolean): T {
  return admin ? job : { ...job, client: null };
}
