import { processState } from './process-state';

// Failed sign-ins, counted per client: the address of the client's own TCP connection, which the
// server stamps on every request (lib/lan/peer.ts); no header a client sends can change it. A few
// free tries, then a pause that doubles with each further failure, up to 15 minutes.
// Nothing one client does can refuse another: when the LAN as a whole fails often (guesses spread
// over many addresses), a failing client gets no free tries, but a client that has not failed is
// always let through. Failures reported while a client is paused do not lengthen its pause.
const WINDOW_MS = 10 * 60_000;
const FREE_TRIES = 5;
/** Failures from all clients together within the window, past which a failing client pauses at once. */
const LAN_WIDE_FAILURES = 30;
const FIRST_PAUSE_MS = 2000;
const MAX_PAUSE_MS = 15 * 60_000;
const MAX_CLIENTS = 5000;

interface Entry {
  failures: number;
  /** The last failure, or the end of the pause if later: the entry is forgotten a window after it. */
  quietFrom: number;
  blockedUntil: number;
}

interface LimitState {
  clients: Map<string, Entry>;
  lan: { since: number; failures: number };
}

const state = processState<LimitState>('login-limit', () => ({ clients: new Map(), lan: { since: 0, failures: 0 } }));

function entry(client: string, now: number): Entry | undefined {
  const e = state.clients.get(client);
  if (e && now - Math.max(e.quietFrom, e.blockedUntil) > WINDOW_MS) {
    state.clients.delete(client);
    return undefined;
  }
  return e;
}

function lanWideFailures(now: number): number {
  if (now - state.lan.since > WINDOW_MS) state.lan = { since: now, failures: 0 };
  return state.lan.failures;
}

/** ms this client must wait before it may try again; 0 when it may try now. */
export function loginRetryAfter(client: string, now = Date.now()): number {
  const e = entry(client, now);
  return e ? Math.max(0, e.blockedUntil - now) : 0;
}

export function noteLoginFailure(client: string, now = Date.now()): void {
  let e = entry(client, now);
  // The route refuses a paused client before it checks a password; this keeps that true here too.
  if (e && now < e.blockedUntil) return;
  if (!e) {
    if (state.clients.size >= MAX_CLIENTS) state.clients.delete(state.clients.keys().next().value!);
    e = { failures: 0, quietFrom: now, blockedUntil: 0 };
    state.clients.set(client, e);
  }
  const free = lanWideFailures(now) >= LAN_WIDE_FAILURES ? 1 : FREE_TRIES;
  state.lan.failures += 1;
  e.failures += 1;
  e.quietFrom = now;
  const over = e.failures - free;
  if (over >= 0) e.blockedUntil = now + Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** over);
}

export function noteLoginSuccess(client: string): void {
  state.clients.delete(client);
}
