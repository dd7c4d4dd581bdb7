'use client';

import { useEffect, useRef, useState } from 'react';

const durations = [
  { value: '1h', label: '1 hour' },
  { value: '4h', label: '4 hours' },
  { value: 'recovery', label: 'Until it recovers' },
] as const;

type Duration = (typeof durations)[number]['value'];

/** The form: how long and why. A native dialog, so Escape closes it and focus stays inside. */
export function SilenceDialog({ machine, service, name, up, onClose, onDone }: {
  machine: string; service?: string; name: string; up: boolean; onClose: () => void; onDone: (message: string) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [duration, setDuration] = useState<Duration>(up ? '1h' : 'recovery');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const failed = await postSilence({ machine, ...(service ? { service } : {}), duration, reason });
    setBusy(false);
    if (failed) return setError(failed);
    onDone(`Silenced ${durations.find((d) => d.value === duration)!.label.toLowerCase()}.`);
    ref.current?.close();
  }

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="silence-title"
      data-testid="silence-dialog"
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <form onSubmit={submit} className="flex flex-col gap-3">
        <h2 id="silence-title" className="text-lg font-semibold">Silence alerts for {name}</h2>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          State changes are still recorded; no alert is sent while the silence lasts. It ends by itself{service ? '' : ', and covers every service on the machine'}.
        </p>
        <DurationChoice value={duration} onChange={setDuration} name={name} up={up} />
        <ReasonField value={reason} onChange={setReason} />
        {error && (
          <p role="alert" className="text-sm text-rose-700 dark:text-rose-300" data-testid="silence-error">
            ✕ {error}
          </p>
        )}
        <DialogButtons busy={busy} onCancel={() => ref.current?.close()} />
      </form>
    </dialog>
  );
}

/** Why: shown on the card while the silence lasts. */
function ReasonField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="text-zinc-600 dark:text-zinc-400">Why (shown on the card)</span>
      <input
        name="reason"
        required
        maxLength={200}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="moving the media disk"
        className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-950"
        data-testid="silence-reason"
      />
    </label>
  );
}

/** 1 h, 4 h, or until it recovers (only for something that is not up now). */
function DurationChoice({ value, onChange, name, up }: { value: Duration; onChange: (d: Duration) => void; name: string; up: boolean }) {
  return (
    <fieldset className="flex flex-col gap-1.5 text-sm">
      <legend className="mb-1 text-zinc-600 dark:text-zinc-400">How long</legend>
      {durations.map((d) => (
        <label key={d.value} className={`flex items-center gap-2 ${d.value === 'recovery' && up ? 'text-zinc-400 dark:text-zinc-600' : ''}`}>
          <input type="radio" name="duration" value={d.value} checked={value === d.value} disabled={d.value === 'recovery' && up} onChange={() => onChange(d.value)} />
          {d.label}
          {d.value === 'recovery' && up && <span className="text-xs">({name} is up now)</span>}
        </label>
      ))}
    </fieldset>
  );
}

/** POST the silence; the error to show, or null when it was set. */
async function postSilence(body: Record<string, string>): Promise<string | null> {
  try {
    const r = await fetch('/api/silences', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (r.ok) return null;
    const answer = await r.json().catch(() => null);
    return answer?.error?.message ?? `the silence was not set (HTTP ${r.status})`;
  } catch {
    return 'cannot reach the dashboard server';
  }
}

function DialogButtons({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  return (
    <div className="flex justify-end gap-2">
      <button type="button" onClick={onCancel} className="rounded-md px-3 py-1.5 text-sm ring-1 ring-zinc-300 hover:bg-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-800">
        Cancel
      </button>
      <button type="submit" disabled={busy} className="rounded-md bg-violet-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-violet-600 disabled:opacity-50" data-testid="silence-submit">
        {busy ? 'Silencing…' : 'Silence'}
      </button>
    </div>
  );
}
