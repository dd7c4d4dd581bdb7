import { spawn, type ChildProcess } from 'node:child_process';
import { killGroup } from './process-group';

export interface RunOptions {
  timeoutMs: number;
  /** Per stream; past it the process is killed and the result marked truncated. */
  maxBytes?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  signal?: AbortSignal;
}

export interface RunResult {
  /** Exit code, or null when the process was killed or never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  truncated: boolean;
  /** Set when the process could not be started: ENOENT, EACCES, ... */
  spawnError?: string;
  ms: number;
}

const DEFAULT_MAX = 1024 * 1024;

/** One output stream, kept up to `max` bytes; the first byte past it calls `onOverflow`. */
function cappedSink(max: number, onOverflow: () => void) {
  const chunks: Buffer[] = [];
  let len = 0;
  return {
    push(b: Buffer) {
      if (len >= max) return;
      const piece = b.length > max - len ? b.subarray(0, max - len) : b;
      chunks.push(piece);
      len += piece.length;
      if (piece !== b) onOverflow();
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

function spawnGroup(bin: string, args: readonly string[], opts: RunOptions): ChildProcess | { spawnError: string } {
  try {
    return spawn(bin, args, {
      shell: false,
      // Own process group, so a timeout can kill grandchildren too.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      windowsHide: true,
    });
  } catch (e) {
    return { spawnError: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
}

/**
 * Run a program with an argv array (never a shell), a timeout and an output cap.
 * Never rejects: every failure is described in the result.
 */
export function run(bin: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const max = opts.maxBytes ?? DEFAULT_MAX;
  return new Promise((resolve) => {
    const child = spawnGroup(bin, args, opts);
    if ('spawnError' in child) {
      resolve({ code: null, signal: null, stdout: '', stderr: '', timedOut: false, truncated: false, spawnError: child.spawnError, ms: 0 });
      return;
    }
    let timedOut = false;
    let truncated = false;
    let settled = false;
    const stop = () => {
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 500).unref();
    };
    const overflow = () => {
      truncated = true;
      stop();
    };
    const out = cappedSink(max, overflow);
    const err = cappedSink(max, overflow);
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, opts.timeoutMs);
    opts.signal?.addEventListener('abort', stop, { once: true });
    child.stdout?.on('data', out.push);
    child.stderr?.on('data', err.push);

    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', stop);
      resolve({ code, signal, stdout: out.text(), stderr: err.text(), timedOut, truncated, spawnError, ms: Math.round(performance.now() - started) });
    };
    child.on('error', (e: NodeJS.ErrnoException) => finish(null, null, e.code ?? e.message));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** A one-line, human description of why a run did not succeed. */
export function describeFailure(name: string, r: RunResult, timeoutMs: number): string {
  if (r.spawnError === 'ENOENT') return `${name} was not found`;
  if (r.spawnError === 'EACCES') return `${name} is not executable`;
  if (r.spawnError) return `${name} could not be started (${r.spawnError})`;
  if (r.timedOut) return `${name} did not answer within ${Math.round(timeoutMs / 100) / 10} s`;
  if (r.truncated) return `${name} printed more output than allowed`;
  const firstErr = r.stderr.trim().split('\n').find((l) => l.trim()) ?? '';
  const code = r.code === null ? `was killed (${r.signal ?? 'signal'})` : `exited with code ${r.code}`;
  return firstErr ? `${name} ${code}: ${firstErr.slice(0, 200)}` : `${name} ${code}`;
}
