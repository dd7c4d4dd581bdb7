import { Notifier, type NotifierDeps, type Target } from './webhook';
import type { NotifyEvent } from './format';

export type { NotifyEvent, RebuildRunInfo } from './format';
export type { Target as NotifyTarget } from './webhook';

// Everything that has something to announce (history, jobs, the features to come) calls notify();
// where it goes is decided once, at server start, from the config the edge hands in.

interface NotifyState {
  notifier?: Notifier;
}

const KEY = Symbol.for('mini-vm-dashboard.notify');
const g = globalThis as unknown as Record<symbol, NotifyState | undefined>;
const state: NotifyState = (g[KEY] ??= {});

/** Set where notifications go (the config's `notifications`); a later call replaces the list. */
export function configureNotify(targets: Target[], deps?: NotifierDeps): void {
  state.notifier = new Notifier(targets, deps);
}

/**
 * Announce an event: returns at once, delivery runs in the background, and each event key is
 * sent only once. False when nothing was sent (a repeat, or no target configured).
 */
export function notify(e: NotifyEvent): boolean {
  return state.notifier?.notify(e) ?? false;
}

/** For tests and shutdown: resolves when every delivery in flight has finished. */
export function notifyIdle(): Promise<void> {
  return state.notifier?.idle() ?? Promise.resolve();
}
