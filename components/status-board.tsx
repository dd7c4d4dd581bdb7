'use client';

import useSWR from 'swr';
import type { Snapshot } from '@/lib/types';
import { CheckList } from './check-list';
import { MachineCard, OrbCard } from './machine-cards';
import { ServiceCard } from './service-card';
import { Summary } from './summary';

async function fetchStatus(url: string): Promise<Snapshot> {
  const r = await fetch(url, { cache: 'no-store' });
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  return r.json();
}

/** The live grid: server-rendered with the first snapshot, then kept fresh by polling. */
export function StatusBoard({ initial }: { initial: Snapshot }) {
  const interval = Math.max(1000, Math.min(initial.pollIntervalMs, 60_000));
  const { data, error } = useSWR('/api/status', fetchStatus, {
    fallbackData: initial,
    refreshInterval: interval,
    refreshWhenHidden: false,
    revalidateOnFocus: true,
    revalidateOnMount: false,
    dedupingInterval: Math.min(interval, 2000),
  });
  const snap = data ?? initial;

  return (
    <div className="flex flex-col gap-6">
      <Summary snap={snap} failed={Boolean(error)} />
      {snap.warnings?.map((w) => (
        <p key={w} role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/40 dark:bg-amber-400/10 dark:text-amber-200">
          {w}
        </p>
      ))}
      <section aria-labelledby="host-heading" className="flex flex-col gap-3">
        <h2 id="host-heading" className="text-sm font-semibold uppercase tracking-wide text-zinc-500">
          Host
        </h2>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <OrbCard orb={snap.orbstack} />
          {snap.machines.map((m) => (
            <MachineCard key={m.name} m={m} />
          ))}
        </div>
      </section>
      {snap.machines.map((m) => (
        <section key={m.name} aria-labelledby={`svc-${m.name}`} className="flex flex-col gap-3">
          <h2 id={`svc-${m.name}`} className="text-sm font-semibold uppercase tracking-wide text-zinc-500">
            Services on {m.name}
          </h2>
          {m.services.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">No services are configured for this machine. Add them under machines[].services in the config.</p>
          ) : (
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {m.services.map((s) => (
                <ServiceCard key={s.id} s={s} machine={m.name} />
              ))}
            </div>
          )}
        </section>
      ))}
      {snap.checks?.length ? <CheckList checks={snap.checks} intervalMs={snap.checkIntervalMs} /> : null}
    </div>
  );
}
