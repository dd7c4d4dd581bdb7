// Failed logins per client address: a few tries, then a pause that grows with each failure.
const WINDOW_MS = 10 * 60_000;
const FREE_TRIES = 5;
const MAX_CLIENTS = 5000;

interface Entry {
  failures: number;
  first: number;
  blockedUntil: number;
}

const KEY = Symbol.for('mini-vm-dashboard.login-limit');
const g = globalThis as unknown as Record<symbol, Map<string, Entry> | undefined>;
const entries: Map<string, Entry> = (g[KEY] ??= new Map());

/** ms to wait before this client may try again; 0 when it may try now. */
export function loginRetryAfter(client: string, now = Date.now()): number {
  const e = entries.get(client);
  if (!e) return 0;
  if (now - e.first > WINDOW_MS && now >= e.blockedUntil) {
    entries.delete(client);
    return 0;
  }
  return Math.max(0, e.blockedUntil - now);
}

export function noteLoginFailure(client: string, now = Date.now()): void {
  if (entries.size >= MAX_CLIENTS && !entries.has(client)) entries.delete(entries.keys().next().value!);
  const e = entries.get(client) ?? { failures: 0, first: now, blockedUntil: 0 };
  e.failures += 1;
  if (e.failures >= FREE_TRIES) e.blockedUntil = now + Math.min(15 * 60_000, 1000 * 2 ** (e.failures - FREE_TRIES + 2));
  entries.set(client, e);
}

export function noteLoginSuccess(client: string): void {
  entries.delete(client);
}
