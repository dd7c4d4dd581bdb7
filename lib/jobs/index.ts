// The job runner: one long command at a time per lock (the machine), run as an argv in its own
// process group, logged to disk as it arrives, capped, cancellable, timed out, found again after
// a restart (interrupted, or orphaned while its process lives), and judged by its real exit code.
//
// A new kind of job: a JobKind (./kind.ts) in its feature's folder (lib/rebuild/kind.ts is one),
// started from its route with startJob(kind, params, client, settings), where settings come from
// the config at the edge (childEnv(config) strips the dashboard's secrets), and listed in
// recoverJobs([...]) in lib/server-start.ts. Its stream is jobEventSource(job, view) for lib/sse.

export type { AnyJobKind, BusyCheck, JobKind, JobSettings, Verdict } from './kind';
export type { JobEvent, JobListener } from './state';
export type { StartResult } from './runner';
export type { LastJob } from './store';
export type { JobLine, JobOutcome, JobRecord } from './types';
export { startJob } from './runner';
export { activeJobs, cancelJob, findJob, getJob, listJobs, publicJob, stopAllJobs, subscribeJob } from './control';
export { recoverJobs } from './recover';
export { jobEventSource } from './events';
export { jobIdRe, logPathFor, readLogLines } from './log-file';
export { pgrepPattern } from './busy-check';
export { childEnv } from './env';
export { lastFinishedPerTarget, storeProblem } from './store';
