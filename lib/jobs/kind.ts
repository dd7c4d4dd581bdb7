import type { JobOutcome, JobRecord } from './types';

/**
 * A kind of job: everything the runner needs to know about one long command. The runner owns
 * the process, the log, the lock, cancel, timeout and the record; a kind only says what to run
 * and what its output and exit code mean.
 */
export interface JobKind<Params, P = null, D = null> {
  /** Stored in the job's kind column: 'rebuild', 'gc', ... */
  kind: string;
  /** The command, as an argv (never a shell string). May throw: the start is refused with its message. */
  argv(params: Params): string[];
  /** What the record says it acts on, and the lock it holds while it runs (the machine). */
  subject(params: Params): { target: string; mode: string; lock: string };
  /**
   * A command whose success means something like this is already running where the job would
   * run (pgrep inside the VM), checked before each start; null when there is nothing to ask.
   */
  busyCheck?(params: Params): BusyCheck | null;
  initialProgress(): P;
  /** Read one output line into the progress; true when it changed. */
  parseLine?(progress: P, line: string): boolean;
  /** Lines the log marks as errors and a failure summary quotes. */
  isErrorLine?(line: string): boolean;
  /** The verdict on a command that exited on its own: from its real exit code, never from how the log looked. */
  decide(exit: { code: number | null; signal: string | null; errorLines: string[] }, progress: P): Verdict<D>;
  /** Called once after a job of this kind has ended and been stored. */
  onEnd?(job: JobRecord<P, D>): void;
}

export interface BusyCheck {
  argv: string[];
  /** Where it looks, for the refusal: "inside mini-vm". */
  where: string;
  /** What it looks for, for the refusal: "nixos-rebuild". */
  what: string;
}

export interface Verdict<D> {
  outcome: JobOutcome;
  summary: string | null;
  detail?: D | null;
}

/** Settings from the edge (the route reads the config and hands these in). */
export interface JobSettings {
  timeoutMs: number;
  logCapBytes: number;
  /** The environment the command gets, without the dashboard's secrets. */
  env: NodeJS.ProcessEnv;
  /** How long the busy check may take. */
  checkTimeoutMs: number;
  /** Config section the messages name ('rebuild' → rebuild.timeoutMs). */
  configKey: string;
}

// The runner's kinds are stored loosely; each kind sees only its own Params and progress.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobKind = JobKind<any, any, any>;
