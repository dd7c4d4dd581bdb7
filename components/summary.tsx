'use client';

import type { Snapshot } from '@/lib/types';
import { StaleBanner } from './stale-banner';
import { useNow } from './use-now';

/** The headline the server wrote into the snapshot, freshness and the stale warning. */
export function Summary({ snap, failed }: { snap: Snapshot; failed: boolean }) {
  const h = snap.headline;
  const ok = h.tone === 'good';
  const now = useNow(5000);
  const at = new Date(snap.generatedAt);
  const ageS = now === null ? 0 : Math.max(0, Math.round((now - at.getTime()) / 1000));
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
      <StaleBanner snap={snap} failed={failed} now={now} />
    </div>
  );
}
