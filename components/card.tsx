import { toneBorder, type Tone } from '@/lib/state-style';

/** The frame every status card shares: a coloured edge, a title row, then details. */
export function Card({ tone, title, badge, children, testId, state }: { tone: Tone; title: React.ReactNode; badge: React.ReactNode; children: React.ReactNode; testId?: string; state?: string }) {
  return (
    <article
      data-testid={testId}
      data-state={state}
      className={`flex min-w-0 flex-col gap-2 rounded-lg border border-l-4 border-zinc-200 bg-white p-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900 ${toneBorder[tone]}`}
    >
      <div className="flex items-start justify-between gap-3">
        <h3 className="min-w-0 truncate font-medium">{title}</h3>
        {badge}
      </div>
      {children}
    </article>
  );
}

export function Facts({ items }: { items: [string, React.ReactNode | undefined][] }) {
  const shown = items.filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (shown.length === 0) return null;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-zinc-600 dark:text-zinc-400">
      {shown.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-zinc-500 dark:text-zinc-500">{k}</dt>
          <dd className="min-w-0 truncate font-mono text-zinc-800 dark:text-zinc-200">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
