import type { Snapshot } from '@/lib/types';
import { pollStatus, type SnapshotTransport } from './poll-status';

export interface FeedState {
  /** The newest snapshot the transport delivered; null until the first one. */
  snap: Snapshot | null;
  /** The last attempt to get one failed. */
  failed: boolean;
}

// The one place that says where live snapshots come from: a page has one feed, however many
// components read it, and the transport runs only while one of them is mounted.
const transport: SnapshotTransport = pollStatus;

let state: FeedState = { snap: null, failed: false };
let seed: Snapshot | null = null;
let close: (() => void) | null = null;
const listeners = new Set<() => void>();

const emit = (next: FeedState) => {
  state = next;
  for (const l of listeners) l();
};

/** Poll at the server's own pace, within sane bounds. */
function intervalMs(): number {
  const s = state.snap ?? seed;
  return Math.max(1000, Math.min(s?.pollIntervalMs ?? 15_000, 60_000));
}

export const getFeed = (): FeedState => state;

/** Listen for changes; `initial` (the server-rendered snapshot) sets the pace until the first arrives. */
export function subscribeFeed(listener: () => void, initial: Snapshot): () => void {
  seed ??= initial;
  listeners.add(listener);
  close ??= transport(
    {
      snapshot: (snap) => emit({ snap: newer(state.snap, snap), failed: false }),
      failed: () => emit({ ...state, failed: true }),
    },
    intervalMs,
  );
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    close?.();
    close = null;
  };
}

/** The later of two snapshots (by when the server made them); a reply that overtook another never rolls the page back. */
export function newer(a: Snapshot | null, b: Snapshot): Snapshot {
  return a && Date.parse(a.generatedAt) > Date.parse(b.generatedAt) ? a : b;
}
