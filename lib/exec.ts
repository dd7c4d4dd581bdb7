import { spawn } from 'node:child_process';
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

/**
 * Run a program with an argv array (never a shell), a timeout and an output cap.
 * Never rejects: every failure is described in the result.
 */
export function run(bin: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const max = opts.maxBytes ?? DEFAULT_MAX;
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let timedOut = false;
    let truncated = false;
    let settled = false;

    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(bin, args, {
        shell: false,
        // Own process group, so a timeout can kill grandchildren too.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: opts.env ?? process.env,
        cwd: opts.cwd,
        windowsHide: true,
      });
    } catch (e) {
      resolve({ code: null, signal: null, stdout: '', stderr: '', timedOut: false, truncated: false, spawnError: (e as NodeJS.ErrnoException).code ?? String(e), ms: 0 });
      return;
    }

    const stop = () => {
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 500).unref();
    };

    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, opts.timeoutMs);
    const onAbort = () => stop();
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const collect = (chunks: Buffer[], which: 'out' | 'err') => (b: Buffer) => {
      const len = which === 'out' ? outLen : errLen;
      if (len >= max) return;
      const room = max - len;
      const piece = b.length > room ? b.subarray(0, room) : b;
      chunks.push(piece);
      if (which === 'out') outLen += piece.length;
      else errLen += piece.length;
      if (b.length > room) {
        truncated = true;
        stop();
      }
    };
    child.stdout?.on('data', collect(out, 'out'));
    child.stderr?.on('data', collect(err, 'err'));

    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        truncated,
        spawnError,
        ms: Math.round(performance.now() - started),
      });
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
