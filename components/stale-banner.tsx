import type { Snapshot } from '@/lib/types';

/** Old news must not pass for current: how long since the server's last round before the page says so. */
export function isStale(snap: Snapshot, now: number | null): boolean {
  return now !== null && now - Date.parse(snap.generatedAt) > Math.max(3 * snap.pollIntervalMs, 30_000);
}

/** Says that what the page shows may be out of date, and why: the server is unreachable, or its probes stalled. */
export function StaleBanner({ snap, failed, now }: { snap: Snapshot; failed: boolean; now: number | null }) {
  if (!failed && !isStale(snap, now)) return null;
  return (
    <p role="alert" data-testid="stale" className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-500/40 dark:bg-rose-400/10 dark:text-rose-200">
      {failed ? 'Cannot reach the dashboard server. ' : 'The probes have not finished a round lately. '}
      What you see is from <time dateTime={snap.generatedAt} suppressHydrationWarning>{new Date(snap.generatedAt).toLocaleTimeString()}</time> and may be out of date.
    </p>
  );
}
