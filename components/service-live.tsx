'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { probeSentence } from '@/lib/probe-sentence';
import { serviceStyle } from '@/lib/state-style';
import type { Snapshot } from '@/lib/types';
import { useLiveSnapshot } from './live/use-live-snapshot';
import { ServiceHistoryStrip } from './service-history';
import { StaleBanner } from './stale-banner';
import { StateBadge } from './state-badge';
import { useNow } from './use-now';
import { Warnings } from './warnings';

interface Props {
  initial: Snapshot;
  id: string;
  name: string;
  machine: string;
  /** Width of one slot of the server-rendered chart: it is drawn again once per slot at most. */
  slotMs: number;
  /** Whether to show the uptime strip (not without a history store). */
  uptime: boolean;
}

const serviceIn = (snap: Snapshot, id: string) => snap.machines.flatMap((m) => m.services).find((s) => s.id === id);

/** What the server-rendered history depends on: this service's state (incidents) and the chart's current slot. */
const historyKey = (snap: Snapshot, id: string, slotMs: number) => `${serviceIn(snap, id)?.state}|${Math.floor(Date.parse(snap.generatedAt) / slotMs)}`;

/**
 * The live part of a service's page: its state, reason and uptime follow the page's snapshot feed.
 * The charts and incidents below come from the history store on the server; they are rendered
 * again (router.refresh) only when this feed shows they changed, not on every round.
 */
export function ServiceLive({ initial, id, name, machine, slotMs, uptime }: Props) {
  const { snap, failed } = useLiveSnapshot(initial);
  const now = useNow(5000);
  const router = useRouter();
  const live = serviceIn(snap, id);
  const st = serviceStyle(live?.state ?? 'unknown');
  const seen = historyKey(snap, id, slotMs);
  const rendered = historyKey(initial, id, slotMs);
  useEffect(() => {
    if (seen !== rendered) router.refresh();
  }, [seen, rendered, router]);

  return (
    <>
      <div className="flex flex-col gap-1">
        <Link href="/" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
          ← Status
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{name}</h1>
          <span data-testid="live-state" data-state={live?.state ?? 'unknown'}>
            <StateBadge label={st.label} tone={st.tone} />
          </span>
        </div>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="live-reason">
          on {machine} · {live ? probeSentence(live) : 'not probed yet'}
        </p>
      </div>
      <StaleBanner snap={snap} failed={failed} now={now} />
      <Warnings warnings={snap.warnings} />
      {uptime && (
        <section aria-label="Uptime" className="max-w-md" data-testid="page-uptime">
          <ServiceHistoryStrip h={live?.history} />
        </section>
      )}
    </>
  );
}
