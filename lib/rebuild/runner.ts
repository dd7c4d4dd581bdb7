import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { getConfig } from '../config';
import { lineReader } from './line-reader';
import { formatLine, logDir, logPathFor } from './log-file';
import { notify } from '../notify';
import { decideOutcome } from './outcome';
import { ErrorTail, feedLine, initialProgress, logLine } from './parse';
import { finishRun, getStoredRun, insertRun, listStoredRuns } from './store';
import { buildArgv, findTarget } from './targets';
import type { RebuildLine, RebuildMode, RebuildRun } from './types';

export type RunEvent = { type: 'line'; line: RebuildLine } | { type: 'state'; run: RebuildRun } | { type: 'end'; run: RebuildRun };
type Listener = (e: RunEvent) => void;

interface LiveRun {
  run: RebuildRun;
  child: ChildProcess;
  fd: number;
  bytes: number;
  cap: number;
  seq: number;
  listeners: Set<Listener>;
  errors: ErrorTail;
  cancelled: boolean;
  timedOut: boolean;
  timers: NodeJS.Timeout[];
}

interface RunnerState {
  current?: LiveRun;
  /** Finished runs of this process, so runs stay visible when the history store is down. */
  recent: Map<string, RebuildRun>;
  exitHook: boolean;
}

// One runner per server process, shared by every route bundle.
const KEY = Symbol.for('mini-vm-dashboard.rebuild-runner');
const g = globalThis as unknown as Record<symbol, RunnerState | undefined>;
const state: RunnerState = (g[KEY] ??= { recent: new Map(), exitHook: false });

const KILL_GRACE_MS = 5000;
/** Every variable that holds one of the dashboard's secrets; none of them reaches a rebuild. */
function secretEnvNames(): string[] {
  const c = getConfig();
  return [
    ...Object.keys(process.env).filter((k) => k.startsWith('DASHBOARD_')),
    ...c.machines.flatMap((m) => m.services.map((s) => s.apiKeyEnv)),
    ...c.notifications.map((n) => n.tokenEnv),
  ].filter((k): k is string => Boolean(k));
}

export type StartResult = { status: 'started'; id: string } | { status: 'busy'; id: string } | { status: 'unavailable'; message: string; http: 400 | 503 };

/** Start a run unless one is going. Synchronous up to the spawn, so concurrent callers cannot both start. */
export function startRun(targetId: string, mode: RebuildMode, client: string): StartResult {
  if (state.current) return { status: 'busy', id: state.current.run.id };
  const target = findTarget(targetId);
  if (!target) return { status: 'unavailable', message: `no rebuild target "${targetId}"`, http: 400 };
  if (target.problem) return { status: 'unavailable', message: target.problem, http: 400 };
  const argv = buildArgv(target, mode);
  const cfg = getConfig().rebuild;
  const id = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const logPath = logPathFor(id);
  let fd: number;
  try {
    fs.mkdirSync(logDir(), { recursive: true });
    fd = fs.openSync(logPath, 'a', 0o600);
  } catch (e) {
    return { status: 'unavailable', message: `the log file cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'}), so nothing was started`, http: 503 };
  }
  const env = { ...process.env };
  for (const k of secretEnvNames()) delete env[k];
  let child: ChildProcess;
  try {
    child = spawn(argv[0], argv.slice(1), { shell: false, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  } catch (e) {
    fs.closeSync(fd);
    return { status: 'unavailable', message: `the command could not be started (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, http: 503 };
  }
  const run: RebuildRun = {
    id, target: target.id, mode, client, startedAt: Date.now(), endedAt: null, exitCode: null, outcome: 'running',
    durationMs: null, summary: null, progress: initialProgress(), truncated: false,
  };
  const live: LiveRun = { run, child, fd, bytes: 0, cap: cfg.logCapBytes, seq: 0, listeners: new Set(), errors: new ErrorTail(), cancelled: false, timedOut: false, timers: [] };
  state.current = live;
  installExitHook();
  insertRun(run, logPath);
  append(live, [`[dashboard] $ ${argv.map(quoteForLog).join(' ')}`], false);

  let ended = false;
  let exit: { code: number | null; signal: string | null; spawnError?: string } | undefined;
  const onLines = (lines: string[]) => append(live, lines, true);
  const streams = [lineReader(child.stdout, onLines), lineReader(child.stderr, onLines)];
  const finish = () => {
    if (ended || !exit) return;
    ended = true;
    for (const s of streams) s.flush();
    finalize(live, exit);
  };
  child.on('error', (e: NodeJS.ErrnoException) => {
    exit = { code: null, signal: null, spawnError: e.code ?? e.message };
    finish();
  });
  child.on('exit', (code, signal) => {
    exit = { code, signal };
    // A grandchild may keep the pipes open; do not wait on it for ever.
    live.timers.push(setTimeout(finish, 3000));
  });
  child.on('close', (code, signal) => {
    exit ??= { code, signal };
    finish();
  });
  live.timers.push(setTimeout(() => stop(live, 'timeout'), cfg.timeoutMs));
  return { status: 'started', id };
}

function quoteForLog(a: string): string {
  return /^[\w@%+=:,./#-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** Parse, write to disk up to the cap, then tell listeners: the file is always ahead of the stream. */
function append(live: LiveRun, texts: string[], fromChild: boolean, force = false): void {
  const out: RebuildLine[] = [];
  let batch = '';
  let changed = false;
  for (const text of texts) {
    if (fromChild) {
      changed = feedLine(live.run.progress, text) || changed;
      live.errors.push(text);
    }
    const t = Date.now();
    let formatted = formatLine(t, text);
    let shown = text;
    if (!force && live.bytes + Buffer.byteLength(formatted) > live.cap) {
      if (live.run.truncated) continue;
      live.run.truncated = true;
      changed = true;
      shown = `[dashboard] log truncated: output beyond rebuild.logCapBytes (${live.cap} bytes) is not kept; the run goes on and its result will still be reported`;
      formatted = formatLine(t, shown);
    }
    live.bytes += Buffer.byteLength(formatted);
    batch += formatted;
    out.push(logLine(++live.seq, t, shown));
  }
  if (batch) {
    try {
      fs.writeSync(live.fd, batch);
    } catch {
      /* a full disk must not stop the run; the live view still gets the lines */
    }
  }
  for (const line of out) emit(live, { type: 'line', line });
  if (changed) emit(live, { type: 'state', run: snapshotOf(live.run) });
}

function emit(live: LiveRun, e: RunEvent): void {
  for (const l of live.listeners) {
    try {
      l(e);
    } catch {
      /* one broken subscriber must not stop the others */
    }
  }
}

function snapshotOf(run: RebuildRun): RebuildRun {
  return { ...run, progress: { ...run.progress, failedUnits: [...run.progress.failedUnits] } };
}

function killGroup(live: LiveRun, sig: NodeJS.Signals): void {
  const pid = live.child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, sig);
  } catch {
    try { live.child.kill(sig); } catch { /* gone */ }
  }
}

function stop(live: LiveRun, why: 'cancel' | 'timeout'): void {
  if (live.cancelled || live.timedOut || state.current !== live) return;
  if (why === 'cancel') live.cancelled = true;
  else live.timedOut = true;
  append(live, [`[dashboard] ${why === 'cancel' ? 'cancel requested' : 'timeout reached'}: sending SIGTERM to the process group`], false, true);
  killGroup(live, 'SIGTERM');
  live.timers.push(setTimeout(() => killGroup(live, 'SIGKILL'), KILL_GRACE_MS));
}

function finalize(live: LiveRun, exit: { code: number | null; signal: string | null; spawnError?: string }): void {
  for (const t of live.timers) clearTimeout(t);
  const run = live.run;
  const verdict = decideOutcome({
    ...exit, cancelled: live.cancelled, timedOut: live.timedOut, timeoutMs: getConfig().rebuild.timeoutMs,
    failedUnits: run.progress.failedUnits, errorLines: live.errors.lines(),
  });
  run.endedAt = Date.now();
  run.durationMs = run.endedAt - run.startedAt;
  run.exitCode = exit.code;
  run.outcome = verdict.outcome;
  run.summary = verdict.summary;
  run.progress.phase = 'done';
  const code = exit.spawnError ? `not started (${exit.spawnError})` : exit.code === null ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
  append(live, [`[dashboard] finished: ${run.outcome} (${code}) after ${(run.durationMs / 1000).toFixed(1)} s`], false, true);
  try {
    fs.closeSync(live.fd);
  } catch {
    /* already closed */
  }
  finishRun(run);
  try {
    notify({ type: 'rebuild', run, at: run.endedAt ?? Date.now() });
  } catch (e) {
    console.error('rebuild notification failed', e);
  }
  state.recent.set(run.id, snapshotOf(run));
  if (state.recent.size > 100) state.recent.delete(state.recent.keys().next().value!);
  state.current = undefined;
  emit(live, { type: 'end', run: snapshotOf(run) });
  live.listeners.clear();
}

function installExitHook(): void {
  if (state.exitHook) return;
  state.exitHook = true;
  // When the dashboard stops, do not leave a root rebuild running unattended; the next start marks it interrupted.
  process.once('exit', () => {
    if (state.current) killGroup(state.current, 'SIGTERM');
  });
}

export function cancelRun(id: string): 'cancelling' | 'not-running' {
  const live = state.current;
  if (!live || live.run.id !== id) return 'not-running';
  stop(live, 'cancel');
  return 'cancelling';
}

export function currentRunId(): string | null {
  return state.current?.run.id ?? null;
}

export function getRun(id: string): RebuildRun | undefined {
  if (state.current?.run.id === id) return snapshotOf(state.current.run);
  return state.recent.get(id) ?? getStoredRun(id);
}

export function listRuns(limit = 50): RebuildRun[] {
  const byId = new Map<string, RebuildRun>();
  for (const r of listStoredRuns(limit) ?? []) byId.set(r.id, r);
  for (const r of state.recent.values()) byId.set(r.id, r);
  if (state.current) byId.set(state.current.run.id, snapshotOf(state.current.run));
  return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt).slice(0, limit);
}

/**
 * Listen to a live run. Returns null when the run is not live (finished or unknown). The caller
 * replays the log from disk first: lines are written before they are announced, so nothing falls
 * between the replay and the live events if the caller subscribes before reading.
 */
export function subscribe(id: string, listener: Listener): (() => void) | null {
  const live = state.current;
  if (!live || live.run.id !== id) return null;
  live.listeners.add(listener);
  return () => live.listeners.delete(listener);
}
