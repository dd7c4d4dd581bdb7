'use client';

import { useState } from 'react';
import { isActiveOutcome } from '@/lib/jobs/types';
import { formatDuration, outcomeStyle, progressPercent, progressText } from '@/lib/rebuild/outcome-style';
import type { RebuildRun } from '@/lib/rebuild/types';
import { RebuildLog } from './rebuild-log';
import { StateBadge } from './state-badge';
import { useNow } from './use-now';
import { useRunStream, type StreamState } from './use-run-stream';

const barTone = { bad: 'bg-rose-500', warn: 'bg-amber-500', good: 'bg-emerald-500' } as Record<string, string>;

function title(run: RebuildRun): string {
  if (run.kind !== 'rebuild') return `${run.kind}${run.mode ? ` (${run.mode})` : ''} on ${run.target}`;
  return `${run.mode === 'rollback' ? 'Rollback' : `Rebuild (${run.mode})`} of ${run.target}`;
}

const connText: Record<StreamState, string> = {
  connecting: '○ connecting…',
  live: '● live',
  reconnecting: '◐ reconnecting…',
  'server-stopping': '◐ the dashboard server is stopping; reconnecting once it is back…',
  closed: '',
};

/** One run, live: state and lines over Server-Sent Events (the browser resumes with Last-Event-ID). */
export function RebuildLive({ initial, signedIn }: { initial: RebuildRun; signedIn: boolean }) {
  const { run, lines, skipped, conn } = useRunStream(initial);
  const running = isActiveOutcome(run.outcome);
  const style = outcomeStyle(run.outcome);
  return (
    <div className="flex flex-col gap-4" data-testid="rebuild-run" data-outcome={run.outcome}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold tracking-tight">{title(run)}</h1>
        <StateBadge label={style.label} tone={style.tone} testId="rebuild-outcome" />
      </div>
      <RunProgress run={run} running={running} />
      <RunSummary run={run} />
      <RunActions run={run} running={running} signedIn={signedIn} conn={conn} />
      <RebuildLog lines={lines} skipped={skipped} id={run.id} />
    </div>
  );
}

function RunProgress({ run, running }: { run: RebuildRun; running: boolean }) {
  // Before the first tick (the server's render and hydration), the time of this render.
  const now = useNow(1000, running) ?? Date.now();
  const style = outcomeStyle(run.outcome);
  const pct = progressPercent(run.progress, running);
  const elapsed = running ? now - run.startedAt : run.durationMs;
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <span data-testid="rebuild-phase" data-phase={run.progress.phase}>{progressText(run.progress, running)}</span>
        <span className="text-zinc-600 dark:text-zinc-400" data-testid="rebuild-elapsed">
          {formatDuration(elapsed)} · started {run.client ? `by ${run.client} ` : ''}at {new Date(run.startedAt).toLocaleTimeString()}
        </span>
      </div>
      <div role="progressbar" aria-label="Rebuild progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
        <div className={`h-full transition-[width] ${barTone[style.tone] ?? 'bg-sky-500'}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function RunSummary({ run }: { run: RebuildRun }) {
  if (!run.summary) return null;
  if (run.outcome === 'orphaned') {
    return (
      <p data-testid="orphan-note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/40 dark:bg-amber-400/10 dark:text-amber-200">
        ▲ {run.summary}
      </p>
    );
  }
  const bad = outcomeStyle(run.outcome).tone === 'bad';
  return (
    <pre data-testid="rebuild-summary" className={`whitespace-pre-wrap break-words rounded-md border px-3 py-2 font-mono text-xs ${bad ? 'border-rose-300 bg-rose-50 text-rose-900 dark:border-rose-500/40 dark:bg-rose-400/10 dark:text-rose-200' : 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-500/40 dark:bg-amber-400/10 dark:text-amber-200'}`}>
      {run.summary}
    </pre>
  );
}

function RunActions({ run, running, signedIn, conn }: { run: RebuildRun; running: boolean; signedIn: boolean; conn: StreamState }) {
  const [cancelMsg, setCancelMsg] = useState<string | null>(null);
  async function cancel() {
    setCancelMsg('Cancelling…');
    const r = await fetch(`/api/rebuild/${run.id}/cancel`, { method: 'POST' }).catch(() => null);
    const body = await r?.json().catch(() => null);
    const group = run.outcome === 'orphaned' ? 'the orphaned process group' : 'the process group';
    setCancelMsg(r?.ok ? `Cancel sent: stopping ${group} (SIGTERM, then SIGKILL).` : (body?.error?.message ?? 'cancel failed'));
  }
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      {running && (signedIn ? (
        <button type="button" onClick={cancel} className="rounded-md px-3 py-1.5 font-medium text-rose-700 ring-1 ring-rose-300 hover:bg-rose-50 dark:text-rose-300 dark:ring-rose-500/40 dark:hover:bg-rose-400/10">
          Cancel run
        </button>
      ) : (
        <a href={`/login?next=/rebuilds/${run.id}`} className="underline">Sign in to cancel</a>
      ))}
      <a href={`/api/rebuild/${run.id}/log`} download className="text-sky-700 underline dark:text-sky-400" data-testid="download-log">Download log</a>
      {run.truncated && <span className="text-amber-800 dark:text-amber-300">▲ log truncated at the configured cap</span>}
      <span className="text-zinc-500" data-testid="connection" aria-live="polite">
        {conn === 'live' && !running ? '' : connText[conn]}
      </span>
      {cancelMsg && <span role="status">{cancelMsg}</span>}
    </div>
  );
}
