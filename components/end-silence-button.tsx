'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** Ends a silence before its time; the card and the list show it at the next update. */
export function EndSilenceButton({ id, name, onEnded }: { id: string; name: string; onEnded?: () => void }) {
  const router = useRouter();
  const [state, setState] = useState<'idle' | 'busy' | 'done' | string>('idle');
  async function end() {
    setState('busy');
    try {
      const r = await fetch(`/api/silences/${id}/end`, { method: 'POST' });
      const body = await r.json().catch(() => null);
      setState(r.ok ? 'done' : (body?.error?.message ?? `HTTP ${r.status}`));
      if (r.ok) (onEnded ?? router.refresh)();
    } catch {
      setState('cannot reach the dashboard server');
    }
  }
  if (state === 'done') return <span data-testid="silence-ended">ended</span>;
  return (
    <>
      <button type="button" onClick={end} disabled={state === 'busy'} className="font-medium underline underline-offset-2 hover:no-underline disabled:opacity-60" data-testid="end-silence" aria-label={`End the silence on ${name}`}>
        {state === 'busy' ? 'Ending…' : 'End now'}
      </button>
      {state !== 'idle' && state !== 'busy' && <span role="alert" className="text-rose-700 dark:text-rose-300">✕ {state}</span>}
    </>
  );
}
