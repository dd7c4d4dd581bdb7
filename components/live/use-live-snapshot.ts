import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Snapshot } from '@/lib/types';
import { getFeed, newer, subscribeFeed, type FeedState } from './snapshot-feed';

export interface LiveSnapshot {
  /** The newest snapshot: the server-rendered one until a later one arrives. */
  snap: Snapshot;
  /** The last attempt to reach the server failed; `snap` is the last good one. */
  failed: boolean;
}

const onServer: FeedState = { snap: null, failed: false };

/**
 * The live status for a client component: starts from the snapshot the server rendered with (so
 * the first render matches the HTML), then follows the page's one feed of snapshots.
 */
export function useLiveSnapshot(initial: Snapshot): LiveSnapshot {
  // A newer `initial` (a server re-render) must not restart the transport: it only sets the first pace.
  const first = useRef(initial);
  const subscribe = useCallback((l: () => void) => subscribeFeed(l, first.current), []);
  const feed = useSyncExternalStore(subscribe, getFeed, () => onServer);
  return { snap: feed.snap ? newer(feed.snap, initial) : initial, failed: feed.failed };
}
