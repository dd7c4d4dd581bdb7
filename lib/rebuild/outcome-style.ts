import type { Tone } from '../state-style';
import type { RebuildOutcome, RebuildProgress } from './types';
import { formatDuration as formatSpan } from '../history/format';

// A word and a tone for each outcome; the badge adds a symbol, so colour is never alone.
const outcomes: Record<RebuildOutcome, { label: string; tone: Tone }> = {
  running: { label: 'Running', tone: 'info' },
  orphaned: { label: 'Orphaned, still running', tone: 'warn' },
  succeeded: { label: 'Succeeded', tone: 'good' },
  'units-failed': { label: 'Activated, units failed', tone: 'warn' },
  failed: { label: 'Failed', tone: 'bad' },
  cancelled: { label: 'Cancelled', tone: 'idle' },
  'timed-out': { label: 'Timed out', tone: 'bad' },
  interrupted: { label: 'Interrupted', tone: 'warn' },
};

export const outcomeStyle = (o: RebuildOutcome) => outcomes[o] ?? { label: o, tone: 'idle' as Tone };

export function progressText(p: RebuildProgress, running: boolean): string {
  if (!running) return 'Finished';
  if (p.phase === 'evaluating' || p.phase === 'starting') return 'Evaluating the flake';
  if (p.phase === 'building') return p.total ? `Building ${Math.min(p.built, p.total)} of ${p.total} derivations` : `Building (${p.built} so far)`;
  if (p.phase === 'activating') return 'Activating the new configuration';
  return 'Finishing';
}

/** A rough share of the work done, for the bar: evaluation, building by count, activation. */
export function progressPercent(p: RebuildProgress, running: boolean): number {
  if (!running || p.phase === 'done') return 100;
  if (p.phase === 'activating') return 88;
  if (p.phase === 'building') return p.total ? Math.round(10 + (70 * Math.min(p.built, p.total)) / p.total) : 15;
  return 5;
}

export function formatDuration(ms: number | null): string {
  return ms === null ? '—' : formatSpan(ms);
}
