import type { Snapshot } from '@/lib/types';

/** Where a transport delivers what it hears; the feed behind useLiveSnapshot is the only sink. */
export interface SnapshotSink {
  snapshot(s: Snapshot): void;
  /** The last attempt failed: the server did not answer, or answered with an error. */
  failed(): void;
}

/** Opens a source of snapshots; the returned function closes it. */
export type SnapshotTransport = (sink: SnapshotSink, intervalMs: () => number) => () => void;

// A hung server must turn into "cannot reach" rather than a request that never ends.
const REQUEST_TIMEOUT_MS = 10_000;
// Focus and wake often come together; one request answers both.
const MIN_GAP_MS = 1000;

/**
 * GET /api/status every interval while the page is visible, at once when it becomes visible,
 * gains focus or comes back online (a phone that slept catches up on wake), never two at a time.
 */
export const pollStatus: SnapshotTransport = (sink, intervalMs) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: AbortController | null = null;
  let lastAt = 0;
  let stopped = false;
  const hidden = () => document.visibilityState === 'hidden';

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopped && !hidden()) timer = setTimeout(tick, Math.max(0, ms));
  };

  async function tick() {
    if (inflight || stopped || hidden()) return;
    const ctl = new AbortController();
    inflight = ctl;
    lastAt = Date.now();
    const giveUp = setTimeout(() => ctl.abort(), REQUEST_TIMEOUT_MS);
    try {
      const r = await fetch('/api/status', { cache: 'no-store', signal: ctl.signal });
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      const snap = (await r.json()) as Snapshot;
      if (!stopped) sink.snapshot(snap);
    } catch {
      if (!stopped) sink.failed();
    } finally {
      clearTimeout(giveUp);
      inflight = null;
      schedule(intervalMs());
    }
  }

  const wake = () => {
    if (hidden() || inflight) return;
    const since = Date.now() - lastAt;
    if (since >= MIN_GAP_MS) void tick();
    else schedule(intervalMs() - since);
  };

  document.addEventListener('visibilitychange', wake);
  window.addEventListener('focus', wake);
  window.addEventListener('online', wake);
  schedule(intervalMs());
  return () => {
    stopped = true;
    clearTimeout(timer);
    inflight?.abort();
    document.removeEventListener('visibilitychange', wake);
    window.removeEventListener('focus', wake);
    window.removeEventListener('online', wake);
  };
};
