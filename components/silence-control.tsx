'use client';

import { useState } from 'react';
import { SilenceDialog } from './silence-dialog';

/** "Silence…" on a card, for a signed-in admin: opens the form, then says what was set. */
export function SilenceControl({ machine, service, name, up }: { machine: string; service?: string; name: string; up: boolean }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-baseline gap-2 text-xs">
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded px-1.5 py-0.5 font-medium text-violet-800 ring-1 ring-violet-600/30 hover:bg-violet-50 dark:text-violet-300 dark:ring-violet-400/30 dark:hover:bg-violet-400/10"
        data-testid="silence-open"
        aria-haspopup="dialog"
      >
        Silence…
      </button>
      {done && <span role="status" className="text-zinc-600 dark:text-zinc-400" data-testid="silence-done">{done} It shows here after the next probe round.</span>}
      {open && <SilenceDialog machine={machine} service={service} name={name} up={up} onClose={() => setOpen(false)} onDone={(m) => setDone(m)} />}
    </div>
  );
}
