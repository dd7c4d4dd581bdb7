'use client';

import { useState } from 'react';

type Outcome = { ok: boolean; text: string } | null;

/** Sends a test message through one notifier and says how its first attempt went. */
export function TestButton({ notifier, onSent }: { notifier: string; onSent: () => void }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  async function send() {
    setBusy(true);
    setOutcome(null);
    try {
      const r = await fetch('/api/notifications/test', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ notifier }) });
      const body = await r.json().catch(() => null);
      if (!r.ok) setOutcome({ ok: false, text: body?.error?.message ?? `HTTP ${r.status}` });
      else if (body.state === 'delivered') setOutcome({ ok: true, text: 'Delivered.' });
      else if (body.state === 'pending' && body.attempts === 0) setOutcome({ ok: false, text: 'Queued; no answer yet.' });
      else setOutcome({ ok: false, text: `Not delivered${body.state === 'pending' ? ' yet (it will be retried)' : ''}: ${body.result ?? 'no answer'}` });
      onSent();
    } catch {
      setOutcome({ ok: false, text: 'cannot reach the dashboard server' });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="flex flex-wrap items-baseline gap-2">
      <button
        type="button"
        onClick={send}
        disabled={busy}
        className="rounded-md px-2.5 py-1 text-sm font-medium ring-1 ring-zinc-300 hover:bg-zinc-100 disabled:opacity-60 dark:ring-zinc-700 dark:hover:bg-zinc-800"
        data-testid={`test-${notifier}`}
      >
        {busy ? 'Sending…' : 'Send test'}
      </button>
      {outcome && (
        <span role="status" className={`text-sm ${outcome.ok ? 'text-emerald-700 dark:text-emerald-300' : 'text-rose-700 dark:text-rose-300'}`} data-testid={`test-result-${notifier}`}>
          {outcome.ok ? '● ' : '✕ '}
          {outcome.text}
        </span>
      )}
    </div>
  );
}
