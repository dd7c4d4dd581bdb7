'use client';

import { useEffect, useState } from 'react';
import type { Snapshot } from '@/lib/types';

/** The headline the server wrote into the snapshot, freshness and the stale warning. */
export function Summary({ snap, failed }: { snap: Snapshot; failed: boolean }) {
  const h = snap.headline;
  const ok = h.tone === 'good';
  const now = useNow(5000);
  const at = new Date(snap.generatedAt);
  const ageS = now === null ? 0 : Math.max(0, Math.round((now - at.getTime()) / 1000));
  const stale = failed || (now !== null && ageS * 1000 > Math.max(3 * snap.pollIntervalMs, 30_000));
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-1">
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="headline" data-ok={ok} data-tone={h.tone}>
          <span aria-hidden="true" className={ok ? 'text-emerald-600 dark:text-emerald-400' : 'text-rose-600 dark:text-rose-400'}>
            {ok ? '●' : '▲'}
          </span>{' '}
          {h.text}
        </h1>
        <p className="text-sm text-zinc-500" data-testid="updated">
          Updated <time dateTime={snap.generatedAt} suppressHydrationWarning>{at.toLocaleTimeString()}</time>
          {now !== null && ageS >= 2 ? ` (${ageS} s ago)` : ''} · probes every {Math.round(snap.pollIntervalMs / 100) / 10} s
        </p>
      </div>
      {stale && (
        <p role="alert" data-testid="stale" className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-500/40 dark:bg-rose-400/10 dark:text-rose-200">
          {failed ? 'Cannot reach the dashboard server. ' : 'The probes have not finished a round lately. '}
          What you see is from {at.toLocaleTimeString()} and may be out of date.
        </p>
      )}
    </div>
  );
}

/** The current time, ticking; null on the server so the first render matches. */
function useNow(everyMs: number): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
