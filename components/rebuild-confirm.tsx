'use client';

import { useEffect, useRef, useState } from 'react';
import type { RebuildMode } from '@/lib/rebuild/types';

const what: Record<RebuildMode, string> = {
  switch: 'builds the flake, activates it now and makes it the boot default. Services may restart.',
  build: 'builds the flake without activating anything: a preview.',
  'dry-build': 'shows what would be built or fetched, and changes nothing.',
  rollback: 'switches back to the previous generation and activates it now. Services restart on the old configuration.',
};

/** The confirm step: names the target and mode; a rollback also needs an explicit tick. */
export function RebuildConfirm({ target, command, mode, busy, error, onConfirm, onClose }: {
  target: string; command: string | null; mode: RebuildMode; busy: boolean; error: string | null; onConfirm: () => void; onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [understood, setUnderstood] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const strong = mode === 'rollback';
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="rebuild-confirm-title"
      data-testid="rebuild-confirm"
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id="rebuild-confirm-title" className="text-lg font-semibold">
        {strong ? `Roll back ${target}?` : `Rebuild ${target} with ${mode}?`}
      </h2>
      <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
        This runs as root on <strong>{target}</strong> and {what[mode]}
      </p>
      <p className="mt-2 break-all rounded bg-zinc-100 px-2 py-1 font-mono text-xs dark:bg-zinc-800">
        {command ?? 'nixos-rebuild cannot run on this target'}
      </p>
      {strong && (
        <label className="mt-3 flex items-start gap-2 text-sm">
          <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} className="mt-1" data-testid="rollback-understood" />
          <span>I understand that {target} goes back to its previous generation now.</span>
        </label>
      )}
      {error && (
        <p role="alert" className="mt-3 text-sm text-rose-700 dark:text-rose-300">
          ✕ {error}
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" onClick={() => ref.current?.close()} className="rounded-md px-3 py-1.5 text-sm ring-1 ring-zinc-300 hover:bg-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-800">
          Keep things as they are
        </button>
        <button
          type="button"
          onClick={onConfirm}
          disabled={busy || (strong && !understood)}
          className={`rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50 ${strong ? 'bg-rose-700 hover:bg-rose-600' : 'bg-sky-700 hover:bg-sky-600'}`}
        >
          {busy ? 'Starting…' : strong ? `Roll back ${target}` : `Start ${mode}`}
        </button>
      </div>
    </dialog>
  );
}
