// Failed logins: per client address a few tries, then a pause that grows with each failure. The
// address comes from a header a client can forge, so all clients together also share a bucket:
// rotating fake addresses cannot buy unlimited guesses.
const WINDOW_MS = 10 * 60_000;
const MAX_CLIENTS = 5000;
const ALL = '*';

interface Entry {
  failures: number;
  first: number;
  blockedUntil: number;
}

const KEY = Symbol.for('mini-vm-dashboard.login-limit');
const g = globalThis as unknown as Record<symbol, Map<string, Entry> | undefined>;
const entries: Map<string, Entry> = (g[KEY] ??= new Map());

const freeTries = (key: string) => (key === ALL ? 30 : 5);

function wait(key: string, now: number): number {
  const e = entries.get(key);
  if (!e) return 0;
  if (now - e.first > WINDOW_MS && now >= e.blockedUntil) {
    entries.delete(key);
    return 0;
  }
  return Math.max(0, e.blockedUntil - now);
}

/** ms to wait before this client may try again; 0 when it may try now. */
export function loginRetryAfter(client: string, now = Date.now()): number {
  return Math.max(wait(client, now), wait(ALL, now));
}

function note(key: string, now: number): void {
  if (entries.size >= MAX_CLIENTS && !entries.has(key)) entries.delete(entries.keys().next().value!);
  const e = entries.get(key) ?? { failures: 0, first: now, blockedUntil: 0 };
  e.failures += 1;
  const over = e.failures - freeTries(key);
  if (over >= 0) e.blockedUntil = now + Math.min(15 * 60_000, 2000 * 2 ** over);
  entries.set(key, e);
}

export function noteLoginFailure(client: string, now = Date.now()): void {
  note(client, now);
  note(ALL, now);
}

export function noteLoginSuccess(client: string): void {
  entries.delete(client);
}
