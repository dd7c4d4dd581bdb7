import type { ChildProcess } from 'node:child_process';
import { killGroup } from '../process-group';
import { ErrorTail } from './error-tail';
import type { AnyJobKind, JobSettings } from './kind';
import { lineReader } from './line-reader';
import type { LogSink } from './log-sink';
import { decideJob, exitText, type StopReason } from './outcome';
import { emit, settle, snapshot, type ActiveJob } from './state';
import { finishJob, saveProgress } from './store';
import type { JobRecord } from './types';

type Exit = { code: number | null; signal: string | null; spawnError?: string };

const KILL_GRACE_MS: Record<StopReason, number> = { cancel: 5000, timeout: 5000, shutdown: 1500 };
/** Progress goes to the store at most this often while it changes. */
const PROGRESS_EVERY_MS = 1000;

/** A job this server process started: its output, its timers, and how it ends. */
export class LiveJob implements ActiveJob {
  readonly orphaned = false;
  private stoppedBy: StopReason | null = null;
  private timers: NodeJS.Timeout[] = [];
  private readonly errors: ErrorTail;
  private progressTimer: NodeJS.Timeout | undefined;
  private progressAt = 0;
  private ended = false;

  constructor(
    readonly job: JobRecord,
    private readonly kind: AnyJobKind,
    private readonly child: ChildProcess,
    private readonly sink: LogSink,
    private readonly settings: JobSettings,
  ) {
    this.errors = new ErrorTail(kind.isErrorLine);
  }

  /** Follow the child's output and exit; `first` are the dashboard's own opening lines. */
  run(first: string[]): void {
    this.lines(first, false);
    let exit: Exit | undefined;
    const onLines = (lines: string[]) => this.lines(lines, true);
    const streams = [lineReader(this.child.stdout, onLines), lineReader(this.child.stderr, onLines)];
    const finish = () => {
      if (this.ended || !exit) return;
      for (const s of streams) s.flush();
      this.finish(exit);
    };
    this.child.on('error', (e: NodeJS.ErrnoException) => {
      exit = { code: null, signal: null, spawnError: e.code ?? e.message };
      finish();
    });
    this.child.on('exit', (code, signal) => {
      exit = { code, signal };
      // A grandchild may keep the pipes open; do not wait on it for ever.
      this.timers.push(setTimeout(finish, 3000));
    });
    this.child.on('close', (code, signal) => {
      exit ??= { code, signal };
      finish();
    });
    this.timers.push(setTimeout(() => this.stop('timeout'), this.settings.timeoutMs));
  }

  /** Parse, write to disk up to the cap, then tell listeners: the file is always ahead of the stream. */
  private lines(texts: string[], fromChild: boolean): void {
    let changed = false;
    if (fromChild) {
      for (const text of texts) {
        if (this.kind.parseLine?.(this.job.progress, text)) changed = true;
        this.errors.push(text);
      }
    }
    const wasTruncated = this.sink.truncated;
    const out = this.sink.write(texts, !fromChild);
    if (this.sink.truncated !== wasTruncated) {
      this.job.truncated = true;
      changed = true;
    }
    for (const line of out) emit(this.job.id, { type: 'line', line });
    if (changed) {
      emit(this.job.id, { type: 'state', job: snapshot(this.job) });
      this.progressChanged();
    }
  }

  private progressChanged(): void {
    if (this.progressTimer) return;
    const wait = Math.max(0, this.progressAt + PROGRESS_EVERY_MS - Date.now());
    this.progressTimer = setTimeout(() => {
      this.progressTimer = undefined;
      this.progressAt = Date.now();
      if (!this.ended) saveProgress(this.job);
    }, wait);
  }

  stop(why: StopReason): void {
    if (this.stoppedBy || this.ended) return;
    this.stoppedBy = why;
    const what = { cancel: 'cancel requested', timeout: 'timeout reached', shutdown: 'the dashboard is stopping' }[why];
    this.lines([`[dashboard] ${what}: sending SIGTERM to the process group`], false);
    killGroup(this.child.pid, 'SIGTERM');
    this.timers.push(setTimeout(() => killGroup(this.child.pid, 'SIGKILL'), KILL_GRACE_MS[why]));
  }

  async cancel(): Promise<boolean> {
    if (this.ended) return false;
    this.stop('cancel');
    return true;
  }

  async stillAlive(): Promise<boolean> {
    return !this.ended;
  }

  abandon(): void {
    if (this.ended) return;
    killGroup(this.child.pid, 'SIGKILL');
    this.stoppedBy ??= 'shutdown';
    this.finish({ code: null, signal: 'SIGKILL' });
  }

  private finish(exit: Exit): void {
    this.ended = true;
    for (const t of [...this.timers, this.progressTimer]) clearTimeout(t);
    const job = this.job;
    const { timeoutMs, configKey } = this.settings;
    const verdict = decideJob(this.kind, { ...exit, stoppedBy: this.stoppedBy, timeoutMs, configKey, errorLines: this.errors.lines() }, job.progress);
    job.endedAt = Date.now();
    job.durationMs = job.endedAt - job.startedAt;
    job.exitCode = exit.code;
    job.outcome = verdict.outcome;
    job.summary = verdict.summary;
    job.detail = verdict.detail ?? null;
    this.lines([`[dashboard] finished: ${job.outcome} (${exitText(exit)}) after ${(job.durationMs / 1000).toFixed(1)} s`], false);
    this.sink.close();
    finishJob(job);
    settle(job);
  }
}
