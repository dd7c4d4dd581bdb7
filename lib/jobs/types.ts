// Job shapes shared by the server and the browser: one record for every long command the
// dashboard runs (a rebuild today; garbage collection, previews and unit actions next).

export const jobOutcomes = ['running', 'orphaned', 'succeeded', 'units-failed', 'failed', 'cancelled', 'timed-out', 'interrupted'] as const;
export type JobOutcome = (typeof jobOutcomes)[number];

/**
 * 'running': supervised by this server process. 'orphaned': started by an earlier server process
 * that stopped while it ran, and still alive; nobody reads its output, but it can be cancelled.
 */
export const activeOutcomes: readonly JobOutcome[] = ['running', 'orphaned'];
export const isActiveOutcome = (o: JobOutcome): boolean => activeOutcomes.includes(o);

export type LineLevel = 'error' | 'note';

export interface JobLine {
  seq: number;
  /** ms since the epoch */
  t: number;
  text: string;
  /** Decided by the server alone (the job kind's error rule); the browser only draws it. */
  level?: LineLevel;
}

export interface JobRecord<P = unknown, D = unknown> {
  id: string;
  /** Which definition ran it: 'rebuild', ... */
  kind: string;
  /** What it acts on, in the kind's words (a rebuild target). */
  target: string;
  /** The kind's variant ('switch', 'build', ...); '' when it has none. */
  mode: string;
  /** Jobs with the same lock (the machine) never run at the same time. */
  lock: string;
  /** Who started it (the client address); null where the reader is not a signed-in admin. */
  client: string | null;
  startedAt: number;
  endedAt: number | null;
  exitCode: number | null;
  outcome: JobOutcome;
  durationMs: number | null;
  /** One or more lines that say why, for anything but success. */
  summary: string | null;
  progress: P;
  /** Kind-specific results: a closure diff, bytes freed, ... */
  detail: D | null;
  truncated: boolean;
}
