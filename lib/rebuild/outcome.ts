import type { RebuildOutcome } from './types';

export interface ExitFacts {
  code: number | null;
  signal: string | null;
  spawnError?: string;
  cancelled: boolean;
  timedOut: boolean;
  timeoutMs: number;
  failedUnits: string[];
  errorLines: string[];
}

/**
 * The verdict comes from the real exit code and never from how the log looked: only 0 is success,
 * and even 0 is not called success when activation reported failed units.
 */
export function decideOutcome(f: ExitFacts): { outcome: RebuildOutcome; summary: string | null } {
  const units = f.failedUnits.length ? `failed units: ${f.failedUnits.join(', ')}` : '';
  if (f.spawnError) return { outcome: 'failed', summary: `the command could not be started (${f.spawnError})` };
  if (f.cancelled) return { outcome: 'cancelled', summary: 'cancelled from the dashboard; the process group was stopped' };
  if (f.timedOut) return { outcome: 'timed-out', summary: `stopped after the ${Math.round(f.timeoutMs / 60_000)} min timeout (rebuild.timeoutMs)` };
  if (f.code === 0) {
    if (f.failedUnits.length) return { outcome: 'units-failed', summary: `exit code 0, but activation reported ${units}` };
    return { outcome: 'succeeded', summary: null };
  }
  if (f.code === 4) {
    return { outcome: 'units-failed', summary: `activated, but some units failed (exit code 4)${units ? `; ${units}` : ''}` };
  }
  const how = f.code === null ? `killed by ${f.signal ?? 'a signal'}` : `exit code ${f.code}`;
  const detail = [units, ...f.errorLines].filter(Boolean).join('\n');
  return { outcome: 'failed', summary: detail ? `${how}\n${detail}` : how };
}
