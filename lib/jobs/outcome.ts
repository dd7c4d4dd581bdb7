import type { AnyJobKind, Verdict } from './kind';

export type StopReason = 'cancel' | 'timeout' | 'shutdown';

export interface ExitFacts {
  code: number | null;
  signal: string | null;
  spawnError?: string;
  /** Why the dashboard stopped it, when it did. */
  stoppedBy: StopReason | null;
  timeoutMs: number;
  configKey: string;
  errorLines: string[];
}

/**
 * The verdict on a job. What the dashboard did to it comes first: a run we stopped is cancelled,
 * timed out or interrupted whatever its exit code; otherwise the kind reads the real exit code.
 */
export function decideJob<P>(kind: AnyJobKind, f: ExitFacts, progress: P): Verdict<unknown> {
  if (f.spawnError) return { outcome: 'failed', summary: `the command could not be started (${f.spawnError})` };
  if (f.stoppedBy === 'cancel') return { outcome: 'cancelled', summary: 'cancelled from the dashboard; the process group was stopped' };
  if (f.stoppedBy === 'timeout') {
    return { outcome: 'timed-out', summary: `stopped after the ${Math.round(f.timeoutMs / 60_000)} min timeout (${f.configKey}.timeoutMs)` };
  }
  if (f.stoppedBy === 'shutdown') {
    return { outcome: 'interrupted', summary: `the dashboard was stopped while this ran, so its process group was stopped too (${exitText(f)})` };
  }
  return kind.decide({ code: f.code, signal: f.signal, errorLines: f.errorLines }, progress);
}

export function exitText(f: Pick<ExitFacts, 'code' | 'signal' | 'spawnError'>): string {
  if (f.spawnError) return `not started (${f.spawnError})`;
  return f.code === null ? `killed by ${f.signal ?? 'a signal'}` : `exit code ${f.code}`;
}
