// The job runner: one long command at a time per lock (the machine), run as an argv in its own
// process group, logged to disk as it arrives, capped, cancellable, timed out, found again after
// a restart, and judged by its real exit code. A kind of job is a JobKind (./kind.ts).

export type { AnyJobKind, BusyCheck, JobKind, JobSettings, Verdict } from './kind';
export type { JobEvent, JobListener } from './state';
export type { StartResult } from './runner';
export type { LastJob } from './store';
export { startJob } from './runner';
export { activeJobs, cancelJob, findJob, getJob, listJobs, publicJob, stopAllJobs, subscribeJob } from './control';
export { recoverJobs } from './recover';
export { jobEventSource } from './events';
export { jobIdRe, logPathFor, readLogLines } from './log-file';
export { pgrepPattern } from './busy-check';
export { childEnv } from './env';
export { lastFinishedPerTarget, storeProblem } from './store';
