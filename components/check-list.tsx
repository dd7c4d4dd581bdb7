import { formatDuration } from '@/lib/history/format';
import { toneBorder, type Tone } from '@/lib/state-style';
import type { CheckStatus } from '@/lib/types';
import { StateBadge } from './state-badge';

function verdict(c: CheckStatus): { label: string; tone: Tone } {
  if (c.ok) return { label: 'As expected', tone: 'good' };
  return c.observed === 'unknown' ? { label: 'Not checked', tone: 'idle' } : { label: 'Mismatch', tone: 'bad' };
}

const place = (from: string) => (from === 'host' ? 'the Mac mini' : from);

/** Network checks: what the docs say each vantage point can reach, against what it does. */
export function CheckList({ checks, intervalMs }: { checks: CheckStatus[]; intervalMs: number }) {
  const mismatches = checks.filter((c) => !c.ok).length;
  return (
    <section aria-labelledby="checks-heading" className="flex flex-col gap-3">
      <h2 id="checks-heading" className="text-sm font-semibold uppercase tracking-wide text-zinc-500">
        Network checks <span className="font-normal normal-case tracking-normal">· {mismatches ? `${mismatches} of ${checks.length} need a look` : `all ${checks.length} as the docs say`} · run every {formatDuration(intervalMs)}
        </span>
      </h2>
      <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {checks.map((c) => {
          const v = verdict(c);
          return (
            <li
              key={c.id}
              data-testid={`check-${c.id}`}
              data-ok={c.ok}
              data-observed={c.observed}
              className={`flex min-w-0 flex-col gap-1 rounded-lg border border-l-4 border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900 ${toneBorder[v.tone]}`}
            >
              <div className="flex items-start justify-between gap-2">
                <h3 className="min-w-0 break-words font-medium">{c.name ?? `${place(c.from)} → ${c.target}`}</h3>
                <StateBadge label={v.label} tone={v.tone} testId="verdict" />
              </div>
              <p className="text-xs text-zinc-600 dark:text-zinc-400">
                From {c.from === 'host' ? 'the Mac mini' : <span className="font-mono">{c.from}</span>} to{' '}
                <span className="font-mono">
                  {c.target}
                  {c.port !== undefined ? `:${c.port}` : ''}
                </span>
                : expected <strong className="font-medium">{c.expect}</strong>, observed <strong className="font-medium">{c.observed}</strong>.
              </p>
              <p className="text-xs text-zinc-700 dark:text-zinc-300" data-testid="reason">
                {c.reason}
                <span className="text-zinc-500">
                  {' '}
                  · checked at{' '}
                  <time dateTime={c.checkedAt} suppressHydrationWarning>
                    {new Date(c.checkedAt).toLocaleTimeString()}
                  </time>
                </span>
              </p>
              {!c.ok && c.docs && (
                <a href={c.docs} className="self-start text-xs font-medium text-sky-700 hover:underline dark:text-sky-400">
                  Why this matters: network limitations
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
