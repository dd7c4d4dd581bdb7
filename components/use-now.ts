import { useEffect, useState } from 'react';

/**
 * The current time, ticking every `everyMs` while `on`. Null until the component has mounted, so
 * the server's render and the browser's first one agree; callers decide what to show meanwhile.
 */
export function useNow(everyMs: number, on = true): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!on) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs, on]);
  return now;
}
