import type { AnyJobKind } from './kind';
import type { StopReason } from './outcome';
import type { JobLine, JobRecord } from './types';
import { processState } from '../process-state';

export type JobEvent = { type: 'line'; line: JobLine } | { type: 'state'; job: JobRecord } | { type: 'end'; job: JobRecord };
export type JobListener = (e: JobEvent) => void;

/** A job whose process may still be alive: one this server runs, or an orphan of an earlier one. */
export interface ActiveJob {
  /** The record as it is now; read it through snapshot(). */
  readonly job: JobRecord;
  readonly orphaned: boolean;
  /** Looks again (an orphan ends itself when its process is gone). */
  stillAlive(): Promise<boolean>;
  /** Stop its process group; false when there was nothing left to stop. */
  cancel(): Promise<boolean>;
  /** The server is stopping. */
  stop(why: StopReason): void;
  /** The process is exiting now: record what is known, synchronously. */
  abandon(): void;
}

interface JobsState {
  active: Map<string, ActiveJob>;
  /** Starts being checked, by lock: a second start for the same lock waits for the first. */
  starting: Map<string, Promise<unknown>>;
  /** Jobs of this process that have ended, so they stay visible when the store is down. */
  recent: Map<string, JobRecord>;
  listeners: Map<string, Set<JobListener>>;
  kinds: Map<string, AnyJobKind>;
  recovery?: Promise<void>;
  orphanWatch?: NodeJS.Timeout;
  exitHook: boolean;
}

// One runner per server process, shared by every route bundle and instrumentation.
export const state = processState<JobsState>('jobs', () => ({ active: new Map(), starting: new Map(), recent: new Map(), listeners: new Map(), kinds: new Map(), exitHook: false }));

export function snapshot<T extends JobRecord>(job: T): T {
  return structuredClone(job);
}

export function emit(id: string, e: JobEvent): void {
  for (const l of state.listeners.get(id) ?? []) {
    try {
      l(e);
    } catch {
      /* one broken subscriber must not stop the others */
    }
  }
}

/** A job has ended: it leaves the active set, its kind hears of it, and its listeners get the end. */
export function settle(job: JobRecord): void {
  state.active.delete(job.id);
  const done = snapshot(job);
  state.recent.set(job.id, done);
  if (state.recent.size > 100) state.recent.delete(state.recent.keys().next().value!);
  try {
    state.kinds.get(job.kind)?.onEnd?.(done);
  } catch (e) {
    console.error(`the ${job.kind} job's end hook failed`, e);
  }
  emit(job.id, { type: 'end', job: done });
  state.listeners.delete(job.id);
}
