'use client';

import type { ServiceState, Snapshot } from '@/lib/types';
import { StaleBanner } from './stale-banner';
import { useNow } from './use-now';

const problemOrder: ServiceState[] = ['down', 'pending', 'degraded', 'starting', 'vm-stopped', 'unknown'];

function headline(snap: Snapshot): { text: string; ok: boolean } {
  const services = snap.machines.flatMap((m) => m.services);
  if (snap.orbstack.state !== 'running') return { text: `OrbStack ${snap.orbstack.state === 'not-installed' ? 'not found' : snap.orbstack.state}`, ok: false };
  const stopped = snap.machines.filter((m) => m.state !== 'running');
  if (stopped.length) return { text: `${stopped.map((m) => m.name).join(', ')} ${stopped.length > 1 ? 'are' : 'is'} not running`, ok: false };
  const counts = new Map<ServiceState, number>();
  for (const s of services) counts.set(s.state, (counts.get(s.state) ?? 0) + 1);
  const problems = problemOrder.filter((st) => counts.get(st)).map((st) => `${counts.get(st)} ${st}`);
  // Quieter problems: a broken access path, a check that disagrees with the docs, an address that moved.
  const brokenPaths = services.filter((s) => s.state === 'up' && s.paths?.some((p) => p.state !== 'up')).length;
  const mismatches = snap.checks?.filter((c) => !c.ok).length ?? 0;
  const drift = snap.machines.filter((m) => m.addressDrift && !m.addressDrift.ok).length;
  const notes = [
    brokenPaths && `${brokenPaths} with a broken access path`,
    mismatches && `${mismatches} check${mismatches > 1 ? 's' : ''} not as the docs say`,
    drift && 'VM address changed',
  ].filter(Boolean) as string[];
  if (problems.length === 0) {
    const base = services.length ? `All ${services.length} services up` : 'No services configured';
    return notes.length ? { text: `${base} · ${notes.join(', ')}`, ok: false } : { text: base, ok: true };
  }
  return { text: [...problems, ...notes].join(', '), ok: false };
}

/** Headline, freshness and the stale warning. */
export function Summary({ snap, failed }: { snap: Snapshot; failed: boolean }) {
  const h = headline(snap);
  const now = useNow(5000);
  const at = new Date(snap.generatedAt);
  const ageS = now === null ? 0 : Math.max(0, Math.round((now - at.getTime()) / 1000));
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-1">
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="headline" data-ok={h.ok}>
          <span aria-hidden="true" className={h.ok ? 'text-emerald-600 dark:text-emerald-400' : 'text-rose-600 dark:text-rose-400'}>
            {h.ok ? '●' : '▲'}
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
