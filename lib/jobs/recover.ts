import { isSameProcess } from '../process-group';
import type { AnyJobKind } from './kind';
import { logEnd } from './log-file';
import { Orphan } from './orphan';
import { state } from './state';
import { finishJob, storedActiveJobs } from './store';
import type { JobRecord } from './types';

/**
 * At start-up, every job the store still calls active belongs to an earlier server process.
 * One whose process is still alive (same pid, same start time) is an orphan; the others were
 * interrupted, and ended when their last log line was written.
 */
export function recoverJobs(kinds: AnyJobKind[] = []): Promise<void> {
  for (const k of kinds) state.kinds.set(k.kind, k);
  state.recovery ??= (async () => {
    for (const { job, process } of storedActiveJobs()) {
      if (state.active.has(job.id)) continue;
      const end = await logEnd(job.id);
      if (process && (await isSameProcess(process))) new Orphan(job, process, end.lines).adopt();
      else interrupted(job, end.lastAt);
    }
  })().catch((e) => console.error('recovering jobs failed', e));
  return state.recovery;
}

function interrupted(job: JobRecord, lastLineAt: number): void {
  job.outcome = 'interrupted';
  job.endedAt = Math.max(lastLineAt, job.startedAt);
  job.durationMs = job.endedAt - job.startedAt;
  job.exitCode = null;
  job.summary = 'the dashboard stopped while this run was going; its log is kept up to that point';
  finishJob(job);
}
