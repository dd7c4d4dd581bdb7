import { activeJobs, getJob, listJobs, publicJob } from '../jobs';
import type { JobRecord } from '../jobs/types';
import { initialProgress } from './parse';
import type { RebuildMode, RebuildProgress, RebuildRun } from './types';

/**
 * A job as the rebuild pages show it: any kind is shown (its progress then is the rebuild's
 * empty one), and the client address only to a signed-in admin.
 */
export function asRun(job: JobRecord, admin: boolean): RebuildRun {
  const p = (job.kind === 'rebuild' && job.progress ? job.progress : {}) as Partial<RebuildProgress>;
  const progress: RebuildProgress = { ...initialProgress(), ...p, failedUnits: Array.isArray(p.failedUnits) ? p.failedUnits : [] };
  return publicJob({ ...job, mode: job.mode as RebuildMode, progress }, admin);
}

export async function getRun(id: string, admin: boolean): Promise<RebuildRun | undefined> {
  const job = await getJob(id);
  return job ? asRun(job, admin) : undefined;
}

export async function listRuns(admin: boolean, limit = 50): Promise<RebuildRun[]> {
  return (await listJobs(limit)).map((j) => asRun(j, admin));
}

/** The newest job that may still be running (here, or orphaned by an earlier server process). */
export async function currentRun(): Promise<Pick<JobRecord, 'id' | 'outcome'> | null> {
  const j = (await activeJobs())[0];
  return j ? { id: j.id, outcome: j.outcome } : null;
}
