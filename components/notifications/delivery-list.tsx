import { formatDuration } from '@/lib/history/format';
import { deliveryState } from '@/lib/notify/delivery-words';
import type { DeliveryRow } from '@/lib/notify/page-data';
import { StateBadge } from '../state-badge';
import { When } from './when';

/** The last 200 deliveries, newest first: one row per event and notifier. A table on wide screens, cards on a phone. */
export function DeliveryList({ rows }: { rows: DeliveryRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-deliveries">Nothing sent yet. Alerts appear here as they are queued, with every attempt.</p>;
  return (
    <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white text-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900" data-testid="deliveries">
      <li aria-hidden="true" className="hidden gap-3 px-3 py-2 text-xs font-medium uppercase tracking-wide text-zinc-500 md:grid md:grid-cols-[7rem_minmax(0,1fr)_6rem_13rem_5rem]">
        <span>When</span>
        <span>Event</span>
        <span>Notifier</span>
        <span>State</span>
        <span className="text-right">Delay</span>
      </li>
      {rows.map((d) => {
        const st = deliveryState(d);
        return (
          <li key={d.id} className="grid gap-x-3 gap-y-1 px-3 py-2 md:grid-cols-[7rem_minmax(0,1fr)_6rem_13rem_5rem]" data-testid="delivery" data-notifier={d.notifier} data-state={d.state} data-late={d.late} data-type={d.eventType}>
            <span className="flex gap-2 text-xs text-zinc-600 tabular-nums md:block dark:text-zinc-400">
              <When t={d.eventAt} />
              <span className="font-mono md:hidden">{d.notifier}</span>
            </span>
            <span className="min-w-0">
              <span className="font-medium" data-testid="delivery-title">{d.title}</span>
              {d.result && d.state !== 'delivered' && (
                <span className="block text-xs text-zinc-600 dark:text-zinc-400" data-testid="delivery-result">
                  {d.result}
                </span>
              )}
            </span>
            <span className="hidden font-mono text-xs md:block">{d.notifier}</span>
            <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5 md:flex-col md:items-start">
              <StateBadge label={st.label} tone={st.tone} />
              <span className="text-xs text-zinc-600 dark:text-zinc-400">
                {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
                {d.nextAt !== null && d.attempts > 0 && (
                  <>
                    {' '}· next <When t={d.nextAt} />
                  </>
                )}
                {d.delayMs !== null && <span className="md:hidden"> · after {formatDuration(d.delayMs)}</span>}
              </span>
            </span>
            <span className="hidden text-xs tabular-nums text-zinc-600 md:block md:text-right dark:text-zinc-400">{d.delayMs === null ? '–' : formatDuration(d.delayMs)}</span>
          </li>
        );
      })}
    </ul>
  );
}
