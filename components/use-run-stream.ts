'use client';

import { useEffect, useRef, useState } from 'react';
import type { RebuildLine, RebuildRun } from '@/lib/rebuild/types';
import { keepTail } from './rebuild-log';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'server-stopping' | 'closed';

/**
 * One run over Server-Sent Events: its state and its lines. The browser reconnects by itself
 * with Last-Event-ID after an error or a 'closing' event, and the server resumes from the log.
 */
export function useRunStream(initial: RebuildRun) {
  const [run, setRun] = useState(initial);
  const [lines, setLines] = useState<RebuildLine[]>([]);
  const [skipped, setSkipped] = useState(0);
  const [conn, setConn] = useState<StreamState>('connecting');
  const pending = useRef<RebuildLine[]>([]);

  useEffect(() => {
    const es = new EventSource(`/api/rebuild/${initial.id}/events`);
    // Lines arrive in bursts: draw each burst on the next frame. A hidden tab gets no frames, so a
    // timer flushes too, and lines never pile up unseen.
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      frame = 0;
      timer = undefined;
      const more = pending.current.splice(0);
      if (!more.length) return;
      setLines((prev) => {
        const r = keepTail(prev, more);
        if (r.dropped) setSkipped((s) => s + r.dropped);
        return r.lines;
      });
    };
    const schedule = () => {
      if (timer) return;
      frame = requestAnimationFrame(flush);
      timer = setTimeout(flush, 250);
    };
    const data = (e: Event) => JSON.parse((e as MessageEvent).data);
    es.onopen = () => setConn('live');
    es.onerror = () => setConn((c) => (es.readyState === EventSource.CLOSED ? 'closed' : c === 'server-stopping' ? c : 'reconnecting'));
    es.addEventListener('line', (e) => {
      pending.current.push(data(e));
      schedule();
    });
    es.addEventListener('skipped', (e) => setSkipped((s) => s + data(e).count));
    es.addEventListener('state', (e) => setRun(data(e)));
    es.addEventListener('closing', (e) => setConn(data(e).reason === 'server-stopping' ? 'server-stopping' : 'reconnecting'));
    es.addEventListener('end', (e) => {
      setRun(data(e));
      setConn('closed');
      es.close();
    });
    return () => {
      es.close();
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [initial.id]);

  return { run, lines, skipped, conn };
}
