import type { Metadata } from 'next';
import { Suspense } from 'react';
import Link from 'next/link';
import { GenerationsTable } from '@/components/generations-table';
import { StateBadge } from '@/components/state-badge';
import { getConfig } from '@/lib/config';
import { storeProblem } from '@/lib/jobs';
import { readGenerationReports } from '@/lib/rebuild/generations';
import { formatDuration, outcomeStyle } from '@/lib/rebuild/outcome-style';
import { isSignedIn } from '@/lib/rebuild/page-data';
import { listTargets } from '@/lib/rebuild/targets';
import { listRuns } from '@/lib/rebuild/runs';

export const metadata: Metadata = { title: 'Rebuilds' };

// Streamed in after the history, so a slow or hanging VM never holds up the page.
async function Generations() {
  const reports = await readGenerationReports(listTargets(getConfig()));
  return reports.map((r) => <GenerationsTable key={r.target} report={r} />);
}

export default async function RebuildsPage() {
  const runs = await listRuns(await isSignedIn(), 100);
  const problem = storeProblem();
  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="history-heading" className="flex flex-col gap-3">
        <h1 id="history-heading" className="text-xl font-semibold tracking-tight">Rebuilds</h1>
        {problem && <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/40 dark:bg-amber-400/10 dark:text-amber-200">▲ Rebuild history is not being kept: {problem}. Runs still work.</p>}
        {runs.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-runs">No rebuilds yet. Start one from the <Link className="underline" href="/">status page</Link>.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900" data-testid="rebuild-history">
            {runs.map((r) => {
              const s = outcomeStyle(r.outcome);
              return (
                <li key={r.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2 text-sm" data-testid={`run-${r.id}`} data-outcome={r.outcome}>
                  <span className="w-48 shrink-0"><StateBadge label={s.label} tone={s.tone} />{r.exitCode !== null && <span className="ml-2 text-xs text-zinc-500">exit {r.exitCode}</span>}</span>
                  <Link className="min-w-0 font-medium underline" href={`/rebuilds/${r.id}`}>{r.target} · {r.mode}</Link>
                  <span className="text-zinc-600 dark:text-zinc-400"><time dateTime={new Date(r.startedAt).toISOString()}>{new Date(r.startedAt).toLocaleString()}</time></span>
                  <span className="text-zinc-600 dark:text-zinc-400">took {formatDuration(r.durationMs)}</span>
                  {r.client && <span className="text-zinc-600 dark:text-zinc-400 sm:ml-auto">by <span className="font-mono text-xs">{r.client}</span></span>}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="gen-heading" className="flex flex-col gap-3">
        <h2 id="gen-heading" className="text-sm font-semibold uppercase tracking-wide text-zinc-500">Generations</h2>
        <Suspense fallback={<p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="generations-loading">○ Asking the VM for its generations…</p>}>
          <Generations />
        </Suspense>
      </section>
    </div>
  );
}
