'use client';

import { useState } from 'react';

/** Admin sign-in; on success the page re-renders with the session cookie (HttpOnly, so never read here). */
export function LoginForm({ onDone, compact = false }: { onDone: () => void; compact?: boolean }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }) });
      if (r.ok) {
        setPassword('');
        onDone();
        return;
      }
      const body = await r.json().catch(() => null);
      setError(body?.error?.message ?? `sign-in failed (HTTP ${r.status})`);
    } catch {
      setError('cannot reach the dashboard server');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className={`flex flex-wrap items-end gap-2 ${compact ? '' : 'max-w-sm'}`} data-testid="login-form">
      <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
        <span className="text-zinc-600 dark:text-zinc-400">Admin password</span>
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-950"
        />
      </label>
      <button type="submit" disabled={busy} className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 disabled:opacity-60 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-white">
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {error && (
        <p role="alert" className="basis-full text-sm text-rose-700 dark:text-rose-300" data-testid="login-error">
          ✕ {error}
        </p>
      )}
    </form>
  );
}
