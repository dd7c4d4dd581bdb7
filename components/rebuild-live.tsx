'use client';

import { useEffect, useRef, useState } from 'react';
import { formatDuration, outcomeStyle, progressPercent, progressText } from '@/lib/rebuild/outcome-style';
import type { RebuildLine, RebuildRun } from '@/lib/rebuild/types';
import { keepTail, RebuildLog } from './rebuild-log';
import { StateBadge } from './state-badge';
import { useNow } from './use-now';

/** One run, live: state and lines over Server-Sent Events (the browser resumes with Last-Event-ID). */
export function RebuildLive({ initial, signedIn }: { initial: RebuildRun; signedIn: boolean }) {
  const [run, setRun] = useState(initial);
  const [lines, setLines] = useState<RebuildLine[]>([]);
  const [skipped, setSkipped] = useState(0);
  const [conn, setConn] = useState<'connecting' | 'live' | 'reconnecting' | 'closed'>('connecting');
  const [cancelMsg, setCancelMsg] = useState<string | null>(null);
  const pending = useRef<RebuildLine[]>([]);
  const running = run.outcome === 'running';
  // Before the first tick (the server's render and hydration), the time of this render.
  const now = useNow(1000, running) ?? Date.now();

  useEffect(() => {
    const es = new EventSource(`/api/rebuild/${initial.id}/events`);
    // Lines arrive in bursts: draw each burst on the next frame. A hidden tab gets no frames, so a
    // timer flushes too, and lines never pile up unseen.
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      frame = 0;
      timer = undefined;
      const more = pending.current.splice(0);
      if (!more.length) return;
      setLines((prev) => {
        const r = keepTail(prev, more);
        if (r.dropped) setSkipped((s) => s + r.dropped);
        return r.lines;
      });
    };
    const schedule = () => {
      if (timer) return;
      frame = requestAnimationFrame(flush);
      timer = setTimeout(flush, 250);
    };
    es.onopen = () => setConn('live');
    es.onerror = () => setConn(es.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    es.addEventListener('line', (e) => {
      pending.current.push(JSON.parse((e as MessageEvent).data));
      schedule();
    });
    es.addEventListener('skipped', (e) => setSkipped((s) => s + JSON.parse((e as MessageEvent).data).count));
    es.addEventListener('state', (e) => setRun(JSON.parse((e as MessageEvent).data)));
    es.addEventListener('end', (e) => {
      setRun(JSON.parse((e as MessageEvent).data));
      setConn('closed');
      es.close();
    });
    return () => {
      es.close();
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [initial.id]);

  async function cancel() {
    setCancelMsg('Cancelling…');
    const r = await fetch(`/api/rebuild/${run.id}/cancel`, { method: 'POST' }).catch(() => null);
    const body = await r?.json().catch(() => null);
    setCancelMsg(r?.ok ? 'Cancel sent: stopping the process group (SIGTERM, then SIGKILL).' : (body?.error?.message ?? 'cancel failed'));
  }

  const style = outcomeStyle(run.outcome);
  const pct = progressPercent(run.progress, running);
  const elapsed = running ? now - run.startedAt : run.durationMs;
  return (
    <div className="flex flex-col gap-4" data-testid="rebuild-run" data-outcome={run.outcome}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold tracking-tight">
          {run.mode === 'rollback' ? 'Rollback' : `Rebuild (${run.mode})`} of {run.target}
        </h1>
        <StateBadge label={style.label} tone={style.tone} testId="rebuild-outcome" />
      </div>
      <div className="flex flex-col gap-1.5">
        <div className="flex flex-wrap justify-between gap-2 text-sm">
          <span data-testid="rebuild-phase" data-phase={run.progress.phase}>{progressText(run.progress, running)}</span>
          <span className="text-zinc-600 dark:text-zinc-400" data-testid="rebuild-elapsed" suppressHydrationWarning>
            {formatDuration(elapsed)} · started by {run.client} at {new Date(run.startedAt).toLocaleTimeString()}
          </span>
        </div>
        <div role="progressbar" aria-label="Rebuild progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
          <div className={`h-full transition-[width] ${style.tone === 'bad' ? 'bg-rose-500' : style.tone === 'warn' ? 'bg-amber-500' : style.tone === 'good' ? 'bg-emerald-500' : 'bg-sky-500'}`} style={{ width: `${pct}%` }} />
        </div>
      </div>
      {run.summary && (
        <pre data-testid="rebuild-summary" className={`whitespace-pre-wrap break-words rounded-md border px-3 py-2 font-mono text-xs ${style.tone === 'bad' ? 'border-rose-300 bg-rose-50 text-rose-900 dark:border-rose-500/40 dark:bg-rose-400/10 dark:text-rose-200' : 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-500/40 dark:bg-amber-400/10 dark:text-amber-200'}`}>
          {run.summary}
        </pre>
      )}
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
          {conn === 'reconnecting' ? '◐ reconnecting…' : conn === 'connecting' ? '○ connecting…' : running && conn === 'live' ? '● live' : ''}
        </span>
        {cancelMsg && <span role="status">{cancelMsg}</span>}
      </div>
      <RebuildLog lines={lines} skipped={skipped} id={run.id} />
    </div>
  );
}
