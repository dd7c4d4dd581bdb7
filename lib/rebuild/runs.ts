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

export function getRun(id: string, admin: boolean): RebuildRun | undefined {
  const job = getJob(id);
  return job ? asRun(job, admin) : undefined;
}

export function listRuns(admin: boolean, limit = 50): RebuildRun[] {
  return listJobs(limit).map((j) => asRun(j, admin));
}

/** The newest job that may still be running (here, or orphaned by an earlier server process). */
export function currentRun(): Pick<JobRecord, 'id' | 'outcome'> | null {
  const j = activeJobs()[0];
  return j ? { id: j.id, outcome: j.outcome } : null;
}
