import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { IncidentList } from '@/components/incident-list';
import { LatencyChart } from '@/components/latency-chart';
import { ServiceLive } from '@/components/service-live';
import { UptimeBars } from '@/components/uptime-bars';
import { getConfig } from '@/lib/config';
import { historyDb } from '@/lib/history';
import { incidentsFor, slots } from '@/lib/history/queries';
import { incidentMarks } from '@/lib/notify/marks';
import { DAY } from '@/lib/history/schema';
import { isOwnKey } from '@/lib/own-key';
import { getSnapshot } from '@/lib/snapshot-store';
import { RangePicker, ranges, type RangeKey } from './range-picker';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ range?: string | string[] }> };

function find(id: string) {
  for (const m of getConfig().machines) {
    const s = m.services.find((x) => x.id === id);
    if (s) return { machine: m.name, service: s };
  }
  return undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = find((await params).id);
  return { title: found ? `${found.service.name} history` : 'Unknown service' };
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dated = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export default async function ServiceHistoryPage({ params, searchParams }: Props) {
  const { id } = await params;
  const found = find(id);
  if (!found) notFound();
  const q = (await searchParams).range;
  const range: RangeKey = isOwnKey(ranges, q) ? q : '24h';
  const spec = ranges[range];
  const { snapshot } = await getSnapshot();
  const now = Date.now();
  const fmt = (t: number) => (spec.ms <= DAY ? clock : dated).format(t);
  const db = historyDb();
  const incidents = db ? incidentsFor(db, id, found.machine) : [];

  return (
    <div className="flex flex-col gap-6">
      <ServiceLive initial={snapshot} id={id} name={found.service.name} machine={found.machine} slotMs={spec.ms / spec.chart} uptime={Boolean(db)} />
      {!db ? (
        <p role="alert" className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-500/40 dark:bg-rose-400/10 dark:text-rose-200">
          The history store cannot be opened, so there is no history to show. Live status on the Status page still works.
        </p>
      ) : (
        <>
          <section aria-labelledby="latency-h" className="flex flex-col gap-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id="latency-h" className="text-sm font-semibold uppercase tracking-wide text-zinc-500">
                Response time, last {spec.label}
              </h2>
              <RangePicker current={range} />
            </div>
            <LatencyChart slots={slots(db, id, now, spec.ms, spec.chart)} from={fmt(now - spec.ms)} to="now" />
          </section>
          <section aria-labelledby="bars-h" className="flex flex-col gap-3">
            <h2 id="bars-h" className="text-sm font-semibold uppercase tracking-wide text-zinc-500">
              Uptime, last {spec.label}
            </h2>
            <UptimeBars slots={slots(db, id, now, spec.ms, spec.bars)} label={`Uptime per slot over the last ${spec.label}`} fmt={fmt} />
          </section>
          <section aria-labelledby="incidents-h" className="flex flex-col gap-3">
            <h2 id="incidents-h" className="text-sm font-semibold uppercase tracking-wide text-zinc-500">
              Incidents
            </h2>
            <IncidentList incidents={incidents} marks={incidentMarks(incidents.map((i) => i.id))} now={now} fmt={(t) => dated.format(t)} />
          </section>
        </>
      )}
    </div>
  );
}
