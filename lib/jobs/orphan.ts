import { isSameProcess, killGroup, type ProcessIdentity } from '../process-group';
import { logPathFor } from './log-file';
import { appendOwnLines } from './log-sink';
import { emit, settle, state, type ActiveJob } from './state';
import { finishJob, markOrphaned } from './store';
import type { JobRecord } from './types';

const WATCH_MS = 1000;
const KILL_GRACE_MS = 5000;

/**
 * A job an earlier server process started and left running when it stopped. Nobody reads its
 * output any more, but it holds its lock until its process is gone, and cancel can still reach
 * its process group: only while the pid is alive with the start time recorded for it.
 */
export class Orphan implements ActiveJob {
  readonly orphaned = true;
  private cancelRequested = false;
  private ended = false;

  constructor(
    readonly job: JobRecord,
    private readonly proc: ProcessIdentity,
    private seq: number,
  ) {}

  /** Take the job over: recorded as orphaned, said so in its log, watched until it ends. */
  adopt(): void {
    this.job.outcome = 'orphaned';
    this.job.summary = `Started by an earlier dashboard process, which stopped while it ran. It is still running (pid ${this.proc.pid}), but nobody reads its output now. Cancel stops its process group; nothing else starts on ${this.job.lock} until it ends.`;
    markOrphaned(this.job.id, this.job.summary);
    this.note(`[dashboard] found again after a restart: pid ${this.proc.pid} is still running, unsupervised; its output from here on is not recorded`);
    state.active.set(this.job.id, this);
    watchOrphans();
  }

  async stillAlive(): Promise<boolean> {
    if (this.ended) return false;
    if (await isSameProcess(this.proc)) return true;
    this.end();
    return false;
  }

  async cancel(): Promise<boolean> {
    if (!(await this.stillAlive())) return false;
    this.cancelRequested = true;
    this.note(`[dashboard] cancel requested: sending SIGTERM to the orphaned process group ${this.proc.pid}`);
    killGroup(this.proc.pid, 'SIGTERM');
    setTimeout(() => {
      void isSameProcess(this.proc).then((same) => same && killGroup(this.proc.pid, 'SIGKILL'));
    }, KILL_GRACE_MS).unref();
    return true;
  }

  /** Not ours to stop on shutdown: the next start finds it again. */
  stop(): void {}
  abandon(): void {}

  private note(text: string): void {
    const lines = appendOwnLines(logPathFor(this.job.id), this.seq, [text], state.kinds.get(this.job.kind)?.isErrorLine);
    this.seq += lines.length;
    for (const line of lines) emit(this.job.id, { type: 'line', line });
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    const job = this.job;
    job.endedAt = Date.now();
    job.durationMs = job.endedAt - job.startedAt;
    job.exitCode = null;
    job.outcome = this.cancelRequested ? 'cancelled' : 'interrupted';
    job.summary = this.cancelRequested
      ? 'cancelled from the dashboard after a restart; the orphaned process group was stopped (its exit code cannot be known)'
      : 'the dashboard restarted while this ran; it went on unsupervised and has ended, with an exit code that cannot be known';
    this.note(`[dashboard] the orphaned process has ended: ${job.outcome} (exit code unknown)`);
    finishJob(job);
    settle(job);
  }
}

/** Look at every orphan once a second until none is left. */
function watchOrphans(): void {
  if (state.orphanWatch) return;
  state.orphanWatch = setInterval(() => {
    const orphans = [...state.active.values()].filter((a) => a.orphaned);
    if (orphans.length === 0) {
      clearInterval(state.orphanWatch);
      state.orphanWatch = undefined;
    }
    for (const o of orphans) void o.stillAlive();
  }, WATCH_MS);
  state.orphanWatch.unref();
}
