'use client';

import useSWR from 'swr';
import type { NotificationsData } from '@/lib/notify/page-data';
import { AlertChart } from './alert-chart';
import { DeliveryList } from './delivery-list';
import { NotifierList } from './notifier-list';
import { QuietList } from './quiet-list';
import { SilenceList } from './silence-list';

const fetcher = async (url: string): Promise<NotificationsData> => {
  const r = await fetch(url, { cache: 'no-store' });
  if (!r.ok) throw new Error(r.status === 401 ? 'your session ended: sign in again' : `HTTP ${r.status}`);
  return r.json();
};

const h2 = 'text-sm font-semibold uppercase tracking-wide text-zinc-500';

/** The notifications page, kept fresh every few seconds so a retry can be watched as it happens. */
export function NotificationsLive({ initial }: { initial: NotificationsData }) {
  const { data = initial, error, mutate } = useSWR('/api/notifications', fetcher, { fallbackData: initial, refreshInterval: 3000 });
  const refresh = () => void mutate();
  return (
    <div className="flex flex-col gap-8">
      {error && <p role="alert" className="text-sm text-rose-700 dark:text-rose-300" data-testid="refresh-error">✕ Not updated: {(error as Error).message}.</p>}
      {!data.durable && data.configured && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/40 dark:bg-amber-400/10 dark:text-amber-200" data-testid="queue-not-durable">
          ▲ The delivery queue is kept in memory only ({data.storeProblem}): alerts still go out, but a restart would lose what is waiting.
        </p>
      )}
      <section aria-labelledby="notifiers-h" className="flex flex-col gap-3">
        <h2 id="notifiers-h" className={h2}>Notifiers</h2>
        <NotifierList notifiers={data.notifiers} onSent={refresh} />
      </section>
      <section aria-labelledby="silences-h" className="flex flex-col gap-3">
        <h2 id="silences-h" className={h2}>Silences</h2>
        <SilenceList rows={data.silences} now={data.now} onChange={refresh} />
      </section>
      <section aria-labelledby="deliveries-h" className="flex flex-col gap-3">
        <h2 id="deliveries-h" className={h2}>Deliveries</h2>
        <AlertChart deliveries={data.deliveries} quiet={data.quiet} now={data.now} />
        <DeliveryList rows={data.deliveries} />
      </section>
      <section aria-labelledby="quiet-h" className="flex flex-col gap-3">
        <h2 id="quiet-h" className={h2}>Held back</h2>
        <QuietList rows={data.quiet} />
      </section>
    </div>
  );
}
