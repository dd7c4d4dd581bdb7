'use client';

import { formatDuration } from '@/lib/history/format';
import { useNow } from './use-now';

/** "ongoing for 42 s", counting up in the browser; the server's render time until the first tick. */
export function Ongoing({ since, renderedAt }: { since: number; renderedAt: number }) {
  const now = useNow(1000) ?? renderedAt;
  return <>ongoing for {formatDuration(now - since)}</>;
}
