import { formatDuration } from '@/lib/history/format';
import type { IncidentRow } from '@/lib/history/queries';
import { symbols } from '@/lib/state-style';
import { Ongoing } from './ongoing';

/** Newest first; an open incident says how long it has lasted so far. */
/** `marks`: incident id → the maintenance window or silence it began in ("rebuild of mini-vm at Sun 14:05"). */
export function IncidentList({ incidents, now, fmt, marks }: { incidents: IncidentRow[]; now: number; fmt: (t: number) => string; marks?: ReadonlyMap<string, string> }) {
  if (incidents.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No incidents recorded. Outages and VM stops will be listed here.</p>;
  return (
    <ul className="flex flex-col divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      {incidents.map((i) => {
        const open = i.endedAt === null;
        const what = i.kind === 'machine' ? `${i.subject.replace(/^machine:/, '')} ${i.to}` : `Down`;
        return (
          <li key={i.id} data-testid="incident" data-open={open} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-baseline sm:gap-4">
            <span className={`w-40 shrink-0 text-sm font-medium ${open ? 'text-rose-700 dark:text-rose-300' : 'text-zinc-800 dark:text-zinc-200'}`}>
              <span aria-hidden="true">{open ? symbols.bad : symbols.idle}</span> {what}
              {i.kind === 'machine' && <span className="block text-xs font-normal text-zinc-500">VM incident</span>}
            </span>
            <span className="w-56 shrink-0 text-sm text-zinc-600 dark:text-zinc-400">
              <time dateTime={new Date(i.startedAt).toISOString()}>{fmt(i.startedAt)}</time>
              <span className="block font-medium text-zinc-800 dark:text-zinc-200" data-testid="duration">
                {open ? <Ongoing since={i.startedAt} renderedAt={now} /> : `lasted ${formatDuration(i.endedAt! - i.startedAt)}`}
              </span>
            </span>
            <span className="min-w-0 text-sm text-zinc-700 dark:text-zinc-300" data-testid="incident-reason">
              {i.reason}
              {marks?.get(String(i.id)) && (
                <span className="block text-xs text-violet-800 dark:text-violet-300" data-testid="incident-during">
                  {`◐ during ${marks.get(String(i.id))}: not alerted on its own`}
                </span>
              )}
              <span className="block text-xs text-zinc-500">
                was {i.from}
                {i.endReason ? ` · ended: ${i.endReason}` : ''}
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
