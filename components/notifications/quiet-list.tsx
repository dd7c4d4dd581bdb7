import type { QuietRow } from '@/lib/notify/page-data';
import { When } from './when';

/** What was not sent on its own: held for a summary (a rebuild, a window, a silence) or dropped, with why. */
export function QuietList({ rows }: { rows: QuietRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-quiet">Nothing was held back: every state change so far was sent.</p>;
  return (
    <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white text-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900" data-testid="quiet">
      {rows.map((q) => (
        <li key={q.key} className="flex flex-col gap-0.5 px-3 py-2 sm:flex-row sm:items-baseline sm:gap-3" data-testid="quiet-row" data-action={q.action}>
          <When t={q.at} className="w-28 shrink-0 text-xs text-zinc-600 tabular-nums dark:text-zinc-400" />
          <span className="min-w-0 font-medium">{q.title}</span>
          <span className="text-xs text-zinc-600 sm:ml-auto dark:text-zinc-400">
            {q.action === 'hold' ? '◐ held: ' : '○ not sent: '}
            {q.why}
          </span>
        </li>
      ))}
    </ul>
  );
}
