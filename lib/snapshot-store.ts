import { getConfig } from './config';
import type { Config } from './config-schema';
import { composeSnapshot } from './status';
import type { Snapshot } from './types';

export interface Cached {
  snapshot: Snapshot;
  /** The snapshot serialised once, so serving it costs no JSON work per request. */
  json: string;
  at: number;
}

type Listener = (s: Snapshot) => void;

interface Store {
  latest?: Cached;
  inflight?: Promise<Cached>;
  pollerActive: boolean;
  rounds: number;
  failures: Map<string, number>;
  listeners: Set<Listener>;
  timer?: NodeJS.Timeout;
}

// Route handlers and instrumentation.ts are bundled separately; a global keeps one store per process.
const KEY = Symbol.for('mini-vm-dashboard.snapshot-store');
const g = globalThis as unknown as Record<symbol, Store | undefined>;
const store: Store = (g[KEY] ??= { pollerActive: false, rounds: 0, failures: new Map(), listeners: new Set() });

/**
 * The latest snapshot. While the poller runs it alone starts probe rounds, so any number of
 * readers costs nothing; without it a stale snapshot is refreshed, and concurrent callers share
 * the one round in flight.
 */
export async function getSnapshot(config: Config = getConfig()): Promise<Cached> {
  const latest = store.latest;
  if (latest && (store.pollerActive || Date.now() - latest.at < config.pollIntervalMs)) return latest;
  return refreshSnapshot(config);
}

/** Start a probe round unless one is already running; either way, resolve with its result. */
export function refreshSnapshot(config: Config = getConfig()): Promise<Cached> {
  store.inflight ??= (async () => {
    try {
      store.rounds++;
      const snapshot = applyFailureThreshold(await composeSnapshot(config), config.failuresBeforeDown);
      for (const l of store.listeners) {
        try {
          l(snapshot);
        } catch (e) {
          console.error('snapshot listener failed', e);
        }
      }
      const cached = { snapshot, json: JSON.stringify(snapshot), at: Date.now() };
      store.latest = cached;
      return cached;
    } finally {
      store.inflight = undefined;
    }
  })();
  return store.inflight;
}

/**
 * One failed probe is not an outage: a service is "pending" until `threshold` rounds in a row
 * have failed, then "down".
 */
function applyFailureThreshold(snapshot: Snapshot, threshold: number): Snapshot {
  for (const m of snapshot.machines) {
    for (const s of m.services) {
      const n = s.state === 'down' ? (store.failures.get(s.id) ?? 0) + 1 : 0;
      store.failures.set(s.id, n);
      if (s.state === 'down' && n < threshold) {
        s.state = 'pending';
        s.reason = `${s.reason} (failure ${n} of ${threshold} before it counts as down)`;
      }
    }
  }
  return snapshot;
}

/** Called with every new snapshot before it is served (history, notifications, metrics). */
export function onSnapshot(l: Listener): () => void {
  store.listeners.add(l);
  return () => store.listeners.delete(l);
}

/** Probe on the configured interval whether or not anyone is looking. Idempotent. */
export function startPoller(config: Config = getConfig()): void {
  if (store.pollerActive) return;
  store.pollerActive = true;
  const tick = async () => {
    const began = Date.now();
    try {
      await refreshSnapshot(config);
    } catch (e) {
      console.error('probe round failed', e);
    }
    if (store.pollerActive) store.timer = setTimeout(tick, Math.max(0, config.pollIntervalMs - (Date.now() - began)));
  };
  void tick();
}

export function stopPoller(): void {
  store.pollerActive = false;
  clearTimeout(store.timer);
}

export function probeRounds(): number {
  return store.rounds;
}
