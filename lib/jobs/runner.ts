import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { processStartTime } from '../process-group';
import { checkNotBusy } from './busy-check';
import type { AnyJobKind, JobKind, JobSettings } from './kind';
import { LiveJob } from './live-job';
import { logDir, logPathFor } from './log-file';
import { LogSink } from './log-sink';
import { recoverJobs } from './recover';
import { state, type ActiveJob } from './state';
import { insertJob, saveProcess } from './store';
import type { JobRecord } from './types';

export type StartResult =
  | { status: 'started'; id: string }
  /** id: the job in the way, when it is one of ours (null when something else runs on the target). */
  | { status: 'busy'; id: string | null; message: string }
  | { status: 'unavailable'; message: string; http: 400 | 503 };

interface Plan {
  kind: AnyJobKind;
  subject: { target: string; mode: string; lock: string };
  argv: string[];
  client: string;
  settings: JobSettings;
}

/**
 * Start a job unless its lock is held: by a job of this process, an orphan whose process is
 * still alive, or (the kind's busy check) something running where it would run. Starts for the
 * same lock are taken one at a time: a second caller waits for the first and is told about it.
 */
export async function startJob<Params, P, D>(kind: JobKind<Params, P, D>, params: Params, client: string, settings: JobSettings): Promise<StartResult> {
  state.kinds.set(kind.kind, kind);
  let plan: Plan;
  try {
    plan = { kind, subject: kind.subject(params), argv: kind.argv(params), client, settings };
  } catch (e) {
    return { status: 'unavailable', message: (e as Error).message, http: 400 };
  }
  const lock = plan.subject.lock;
  const pending = state.starting.get(lock) as Promise<StartResult> | undefined;
  if (pending) return asBusy(await pending, lock);
  const attempt = begin(plan, kind.busyCheck?.(params) ?? null);
  state.starting.set(lock, attempt);
  try {
    return await attempt;
  } finally {
    state.starting.delete(lock);
  }
}

function asBusy(r: StartResult, lock: string): StartResult {
  return r.status === 'started' ? { status: 'busy', id: r.id, message: `a job was just started on ${lock}; attach to it` } : r;
}

async function begin(plan: Plan, check: ReturnType<NonNullable<AnyJobKind['busyCheck']>>): Promise<StartResult> {
  await recoverJobs();
  const held = await holderOf(plan.subject.lock);
  if (held) {
    const what = held.job.kind;
    const message = held.orphaned
      ? `a ${what} started before the dashboard last restarted is still running on ${held.job.lock}; cancel it or wait for it to end`
      : `a ${what} is already running on ${held.job.lock}; attach to it`;
    return { status: 'busy', id: held.job.id, message };
  }
  let note: string | null = null;
  if (check) {
    const answer = await checkNotBusy(check, plan.settings.env, plan.settings.checkTimeoutMs);
    if (answer.busy) return { status: 'busy', id: null, message: answer.message };
    note = answer.note;
  }
  return spawnJob(plan, note);
}

async function holderOf(lock: string): Promise<ActiveJob | undefined> {
  for (const a of [...state.active.values()]) {
    if (a.job.lock === lock && (await a.stillAlive())) return a;
  }
  return undefined;
}

function quoteForLog(a: string): string {
  return /^[\w@%+=:,./#-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

function spawnJob(plan: Plan, note: string | null): StartResult {
  const { kind, subject, argv, settings } = plan;
  const id = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const logPath = logPathFor(id);
  let fd: number;
  try {
    fs.mkdirSync(logDir(), { recursive: true });
    fd = fs.openSync(logPath, 'a', 0o600);
  } catch (e) {
    return { status: 'unavailable', message: `the log file cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'}), so nothing was started`, http: 503 };
  }
  let child: ChildProcess;
  try {
    // Its own process group (detached), so cancel and timeout reach everything it starts.
    child = spawn(argv[0], argv.slice(1), { shell: false, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: settings.env });
  } catch (e) {
    fs.closeSync(fd);
    return { status: 'unavailable', message: `the command could not be started (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, http: 503 };
  }
  const job: JobRecord = {
    id, kind: kind.kind, ...subject, client: plan.client, startedAt: Date.now(), endedAt: null, exitCode: null, outcome: 'running',
    durationMs: null, summary: null, progress: kind.initialProgress(), detail: null, truncated: false,
  };
  const live = new LiveJob(job, kind, child, new LogSink(fd, settings.logCapBytes, `${settings.configKey}.logCapBytes`, kind.isErrorLine), settings);
  state.active.set(id, live);
  installExitHook();
  insertJob(job, logPath, null);
  void rememberProcess(id, child.pid);
  live.run([`[dashboard] $ ${argv.map(quoteForLog).join(' ')}`, ...(note ? [note] : [])]);
  return { status: 'started', id };
}

/** Pid and start time, so a later server process can find this one again if this one dies. */
async function rememberProcess(id: string, pid: number | undefined): Promise<void> {
  if (pid === undefined) return;
  const startTime = await processStartTime(pid);
  if (startTime && state.active.has(id)) saveProcess(id, { pid, startTime });
}

function installExitHook(): void {
  if (state.exitHook) return;
  state.exitHook = true;
  // Exiting with a job still going: stop its group and record that, so nothing runs unattended.
  process.once('exit', () => {
    for (const a of state.active.values()) a.abandon();
  });
}
