'use client';

import { cardAlerts } from '@/lib/notify/card-alerts';
import type { Snapshot } from '@/lib/types';
import { CheckList } from './check-list';
import { useLiveSnapshot } from './live/use-live-snapshot';
import { MachineCard, OrbCard } from './machine-cards';
import { ServiceCard } from './service-card';
import { Summary } from './summary';
import { Warnings } from './warnings';

/** The live grid: server-rendered with the first snapshot, then kept fresh by the page's feed. */
/** `admin`: a signed-in admin, who may silence alerts from the cards. */
export function StatusBoard({ initial, admin = false }: { initial: Snapshot; admin?: boolean }) {
  const { snap, failed } = useLiveSnapshot(initial);

  return (
    <div className="flex flex-col gap-6">
      <Summary snap={snap} failed={failed} />
      <Warnings warnings={snap.warnings} />
      <section aria-labelledby="host-heading" className="flex flex-col gap-3">
        <h2 id="host-heading" className="text-sm font-semibold uppercase tracking-wide text-zinc-500">
          Host
        </h2>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <OrbCard orb={snap.orbstack} />
          {snap.machines.map((m) => (
            <MachineCard key={m.name} m={m} alerts={cardAlerts(snap.alerts, m.name)} admin={admin} />
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
                <ServiceCard key={s.id} s={s} machine={m.name} alerts={cardAlerts(snap.alerts, m.name, s.id)} admin={admin} />
              ))}
            </div>
          )}
        </section>
      ))}
      {snap.checks?.length ? <CheckList checks={snap.checks} intervalMs={snap.checkIntervalMs} /> : null}
    </div>
  );
}
