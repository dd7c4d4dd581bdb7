import { Worker } from 'node:worker_threads';
import type { Config } from './config-schema';
import { newRoundState, probeRound, type RoundState } from './probe-round';
import { foldAdditions, freezeDeep } from './snapshot-fold';
import type { Snapshot, SnapshotAdditions } from './types';
import { processState } from './process-state';

export interface Cached {
  snapshot: Snapshot;
  /** The snapshot serialised once, so serving it costs no JSON work per request. */
  json: string;
  at: number;
}

type Listener = (s: Snapshot) => void;
/** Reads a round as it is published and returns what to add to it; never edits the round. */
type Folder = (round: Snapshot) => SnapshotAdditions | undefined;

interface Store {
  latest?: Cached;
  inflight?: Promise<Cached>;
  pollerActive: boolean;
  /** Carried between rounds probed on this thread. */
  round?: RoundState;
  listeners: Set<Listener>;
  folders: Set<Folder>;
  /** Readers waiting for the poller's first snapshot. */
  waiters: { resolve: (c: Cached) => void; reject: (e: Error) => void }[];
  worker?: Worker;
  timer?: NodeJS.Timeout;
  /** The config the poller was started with: readers need not pass one. */
  config?: Config;
}

// Route handlers and instrumentation.ts are bundled separately; a global keeps one store per process.
const store = processState<Store>('snapshot-store', () => ({ pollerActive: false, listeners: new Set(), folders: new Set(), waiters: [] }));

/**
 * The latest snapshot. While the poller runs it alone starts probe rounds, so any number of
 * readers costs nothing; without it a stale snapshot is refreshed, and concurrent callers share
 * the one round in flight.
 */
export async function getSnapshot(given?: Config): Promise<Cached> {
  const config = configOf(given);
  const latest = store.latest;
  if (latest && (store.pollerActive || Date.now() - latest.at < config.pollIntervalMs)) return latest;
  if (store.worker) return new Promise((resolve, reject) => store.waiters.push({ resolve, reject }));
  return refreshSnapshot(config);
}

/** Start a probe round on this thread unless one is already running; either way, resolve with its result. */
export function refreshSnapshot(given?: Config): Promise<Cached> {
  const config = configOf(given);
  store.inflight ??= (async () => {
    try {
      return publish(await probeRound(config, (store.round ??= newRoundState(config))));
    } catch (e) {
      for (const w of store.waiters.splice(0)) w.reject(e as Error);
      throw e;
    } finally {
      store.inflight = undefined;
    }
  })();
  return store.inflight;
}

/**
 * A round becomes the published snapshot: a new object with what the folders add (history,
 * warnings), frozen, so every listener and every reader sees the same one and none can edit it.
 */
function publish(round: Snapshot): Cached {
  const frozen = freezeDeep(round);
  const additions = [...store.folders].map((f) => safely('snapshot folder', () => f(frozen)));
  const snapshot = freezeDeep(foldAdditions(frozen, additions));
  for (const l of store.listeners) safely('snapshot listener', () => l(snapshot));
  const cached = { snapshot, json: JSON.stringify(snapshot), at: Date.now() };
  store.latest = cached;
  for (const w of store.waiters.splice(0)) w.resolve(cached);
  return cached;
}

function configOf(given: Config | undefined): Config {
  const config = given ?? store.config;
  if (!config) throw new Error('no config: the server starts the poller with one (lib/server-start.ts); elsewhere pass it');
  return config;
}

function safely<T>(what: string, f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    console.error(`${what} failed`, e);
    return undefined;
  }
}

/** Called with every published snapshot, frozen, before it is served (alerts, streams). */
export function onSnapshot(l: Listener): () => void {
  store.listeners.add(l);
  return () => store.listeners.delete(l);
}

/** Add to every round as it is published (the history recorder: uptimes, warnings). */
export function foldIntoSnapshots(f: Folder): () => void {
  store.folders.add(f);
  return () => store.folders.delete(f);
}

/**
 * Probe on the configured interval whether or not anyone is looking. Idempotent. The rounds run
 * on a worker thread; where one cannot start (a runtime that cannot load it), on this thread.
 */
export function startPoller(config: Config): void {
  if (store.pollerActive) return;
  store.pollerActive = true;
  store.config = config;
  if (!startWorker(config)) pollHere(config);
}

function startWorker(config: Config): boolean {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./probe-worker.ts', import.meta.url), { workerData: { config } });
  } catch {
    return false;
  }
  store.worker = worker;
  worker.unref();
  worker.on('message', (m: { type: 'snapshot'; snapshot: Snapshot } | { type: 'error'; message: string }) => {
    if (m.type === 'snapshot') return void publish(m.snapshot);
    console.error('probe round failed', m.message);
    // Readers still waiting for a first snapshot get the failure, as they would from a round here.
    for (const w of store.waiters.splice(0)) w.reject(new Error('the probe round failed'));
  });
  worker.on('error', (e) => console.error('the probe worker failed; probing on the main thread from now on', e));
  worker.on('exit', () => {
    if (store.worker !== worker) return;
    store.worker = undefined;
    if (!store.pollerActive) return;
    pollHere(config);
  });
  return true;
}

function pollHere(config: Config): void {
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
  const w = store.worker;
  store.worker = undefined;
  void w?.terminate();
  // Nobody will answer readers still waiting on the worker.
  for (const x of store.waiters.splice(0)) x.reject(new Error('the poller stopped'));
}
