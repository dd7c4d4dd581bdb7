'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { RebuildPanelData } from '@/lib/rebuild/page-data';
import { outcomeStyle } from '@/lib/rebuild/outcome-style';
import { rebuildModes, type RebuildMode } from '@/lib/rebuild/types';
import { StateBadge } from './state-badge';
import { LoginForm } from './login-form';
import { RebuildConfirm } from './rebuild-confirm';

/** The Rebuild button on the status page: sign in, pick target and mode, confirm, then follow the run. */
export function RebuildControl({ data }: { data: RebuildPanelData }) {
  const router = useRouter();
  const [target, setTarget] = useState(data.targets[0]?.id ?? '');
  const [mode, setMode] = useState<RebuildMode>('switch');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = data.targets.find((x) => x.id === target);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      // The dialog's tick is the rollback's second confirmation; the API asks for it too.
      const payload = { target, mode, ...(mode === 'rollback' ? { confirm: 'rollback' } : {}) };
      const r = await fetch('/api/rebuild', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      const body = await r.json().catch(() => null);
      const id = body?.id ?? body?.error?.id;
      // Busy with a run of ours: go and watch it. Busy with something else in the VM: say so.
      if ((r.status === 202 || r.status === 409) && id) {
        router.push(`/rebuilds/${id}`);
        return;
      }
      if (r.status === 401) router.refresh();
      setError(body?.error?.message ?? `the rebuild did not start (HTTP ${r.status})`);
    } catch {
      setError('cannot reach the dashboard server');
    } finally {
      setBusy(false);
    }
  }

  async function signOut() {
    await fetch('/api/session', { method: 'DELETE' }).catch(() => {});
    router.refresh();
  }

  return (
    <section aria-labelledby="rebuild-heading" data-testid="rebuild-control" className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <RebuildHeader data={data} />
      {data.demoPassword && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="demo-password">
          Demo home lab: the admin password is <code className="font-mono">{data.demoPassword}</code>.
        </p>
      )}
      {data.disabledReason ? (
        <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="rebuild-disabled">{data.disabledReason}</p>
      ) : !data.signedIn ? (
        <LoginForm compact onDone={() => router.refresh()} />
      ) : (
        <RebuildForm data={data} target={target} setTarget={setTarget} mode={mode} setMode={setMode} onRebuild={() => setConfirming(true)} onSignOut={signOut} error={confirming ? null : error} />
      )}
      {confirming && t && (
        <RebuildConfirm target={t.name} command={t.commands?.[mode] ?? null} mode={mode} busy={busy} error={error} onConfirm={start} onClose={() => setConfirming(false)} />
      )}
    </section>
  );
}

const select = 'rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-950';

/** The heading, with the running job (or one an earlier process left) or the last one. */
function RebuildHeader({ data }: { data: RebuildPanelData }) {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-2">
      <h2 id="rebuild-heading" className="text-sm font-semibold uppercase tracking-wide text-zinc-500">Rebuild</h2>
      {!data.current && data.last && (
        <a href={`/rebuilds/${data.last.id}`} className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400" data-testid="last-run">
          Last: {data.last.target} · {data.last.mode} <StateBadge label={outcomeStyle(data.last.outcome).label} tone={outcomeStyle(data.last.outcome).tone} />
        </a>
      )}
      {data.current && (
        <a href={`/rebuilds/${data.current.id}`} className={`text-sm underline ${data.current.orphaned ? 'text-amber-800 dark:text-amber-300' : 'text-sky-700 dark:text-sky-400'}`} data-testid="current-run-link">
          {data.current.orphaned ? '▲ A rebuild from before the last restart is still running — see it' : '◐ A rebuild is running — watch it'}
        </a>
      )}
    </div>
  );
}

interface FormProps {
  data: RebuildPanelData;
  target: string;
  setTarget: (t: string) => void;
  mode: RebuildMode;
  setMode: (m: RebuildMode) => void;
  onRebuild: () => void;
  onSignOut: () => void;
  error: string | null;
}

/** Target, mode, the button that opens the confirmation, and signing out. */
function RebuildForm({ data, target, setTarget, mode, setMode, onRebuild, onSignOut, error }: FormProps) {
  const t = data.targets.find((x) => x.id === target);
  return (
    <div className="flex flex-wrap items-end gap-2">
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-zinc-600 dark:text-zinc-400">Target</span>
        <select value={target} onChange={(e) => setTarget(e.target.value)} className={select} data-testid="rebuild-target">
          {data.targets.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-zinc-600 dark:text-zinc-400">Mode</span>
        <select value={mode} onChange={(e) => setMode(e.target.value as RebuildMode)} className={select} data-testid="rebuild-mode">
          {rebuildModes.map((m) => <option key={m} value={m}>{m === 'rollback' ? 'rollback (switch --rollback)' : m}</option>)}
        </select>
      </label>
      <button
        type="button"
        disabled={!t || Boolean(t.problem)}
        onClick={onRebuild}
        className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-600 disabled:opacity-50"
      >
        Rebuild…
      </button>
      <button type="button" onClick={onSignOut} className="ml-auto text-sm text-zinc-600 underline dark:text-zinc-400">Sign out</button>
      {t?.problem && <p className="basis-full text-sm text-amber-800 dark:text-amber-300" data-testid="target-problem">▲ {t.problem}</p>}
      {error && <p role="alert" className="basis-full text-sm text-rose-700 dark:text-rose-300">✕ {error}</p>}
    </div>
  );
}
