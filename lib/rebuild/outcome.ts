import type { Verdict } from '../jobs/kind';
import type { RebuildProgress } from './types';

/**
 * The verdict on a rebuild that exited on its own, from its real exit code and never from how
 * the log looked: only 0 is success, and even 0 is not called success when activation reported
 * failed units. (What the dashboard did to a run, cancel or timeout, is decided by lib/jobs.)
 */
export function decideRebuild(exit: { code: number | null; signal: string | null; errorLines: string[] }, progress: Pick<RebuildProgress, 'failedUnits'>): Verdict<null> {
  const failed = progress.failedUnits ?? [];
  const units = failed.length ? `failed units: ${failed.join(', ')}` : '';
  if (exit.code === 0) {
    if (failed.length) return { outcome: 'units-failed', summary: `exit code 0, but activation reported ${units}` };
    return { outcome: 'succeeded', summary: null };
  }
  if (exit.code === 4) {
    return { outcome: 'units-failed', summary: `activated, but some units failed (exit code 4)${units ? `; ${units}` : ''}` };
  }
  const how = exit.code === null ? `killed by ${exit.signal ?? 'a signal'}` : `exit code ${exit.code}`;
  const detail = [units, ...exit.errorLines].filter(Boolean).join('\n');
  return { outcome: 'failed', summary: detail ? `${how}\n${detail}` : how };
}
