import { kindLabel } from '@/lib/notify/delivery-words';
import type { NotifierView } from '@/lib/notify/page-data';
import { TestButton } from './test-button';

function filters(n: NotifierView): string {
  const events = n.events === null ? 'every kind of event' : n.events.length === 0 ? 'nothing of its own (a fallback only)' : n.events.join(', ');
  return n.services === null ? events : `${events}, about ${n.services.join(', ')}`;
}

/** Each configured notifier: where it posts (never a token), what it takes, and a test button. */
export function NotifierList({ notifiers, onSent }: { notifiers: NotifierView[]; onSent: () => void }) {
  if (notifiers.length === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-notifiers">
        No notifiers are configured, so state changes are only recorded. Add a <code className="font-mono">notifications</code> list to the config (a Matrix room, ntfy or a JSON webhook) and restart the dashboard.
      </p>
    );
  }
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {notifiers.map((n) => (
        <li key={n.id} className="flex min-w-0 flex-col gap-2 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900" data-testid={`notifier-${n.id}`}>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 className="font-medium">
              <span className="font-mono">{n.id}</span> <span className="text-sm font-normal text-zinc-500">{kindLabel[n.kind] ?? n.kind}</span>
            </h3>
            <span className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="counts">
              {n.counts.delivered} delivered · {n.counts.pending} waiting · {n.counts.failed} failed
            </span>
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-zinc-600 dark:text-zinc-400">
            <dt className="text-zinc-500">posts to</dt>
            <dd className="min-w-0 break-words text-zinc-800 dark:text-zinc-200" data-testid="where">{n.where}</dd>
            <dt className="text-zinc-500">takes</dt>
            <dd className="text-zinc-800 dark:text-zinc-200">{filters(n)}</dd>
            <dt className="text-zinc-500">retries</dt>
            <dd className="text-zinc-800 dark:text-zinc-200">{n.retries}{n.fallback ? `, then also to ${n.fallback}` : ''}</dd>
            <dt className="text-zinc-500">reminders</dt>
            <dd className="text-zinc-800 dark:text-zinc-200">{n.remindEveryMinutes ? `every ${n.remindEveryMinutes} min while a service stays down` : 'off'}</dd>
          </dl>
          <TestButton notifier={n.id} onSent={onSent} />
        </li>
      ))}
    </ul>
  );
}
