'use client';

import { useLayoutEffect, useRef, useState } from 'react';
import type { RebuildLine } from '@/lib/rebuild/types';

const KEEP = 5000;

/** The log lines: follows the end until you scroll up; marks the lines the server flagged as errors with a symbol and colour. */
export function RebuildLog({ lines, skipped, id }: { lines: RebuildLine[]; skipped: number; id: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  useLayoutEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, follow]);
  const onScroll = () => {
    const b = box.current;
    if (!b) return;
    setFollow(b.scrollHeight - b.scrollTop - b.clientHeight < 24);
  };
  return (
    <div className="relative">
      <div
        ref={box}
        onScroll={onScroll}
        tabIndex={0}
        role="log"
        aria-label="Rebuild log"
        data-testid="rebuild-log"
        data-following={follow}
        className="h-[55vh] min-h-64 overflow-auto rounded-lg border border-zinc-200 bg-zinc-950 p-3 font-mono text-xs leading-5 text-zinc-200 dark:border-zinc-800"
      >
        {skipped > 0 && (
          <p className="text-zinc-400">… {skipped} earlier lines are not shown here; <a className="underline" href={`/api/rebuild/${id}/log`}>download the full log</a>.</p>
        )}
        {lines.length === 0 && <p className="text-zinc-400">Waiting for output…</p>}
        {lines.map((l) => {
          const bad = l.level === 'error';
          return (
            <div key={l.seq} data-error={bad || undefined} className={`whitespace-pre-wrap break-all ${bad ? 'bg-rose-500/15 text-rose-200' : l.level === 'note' ? 'text-sky-300' : ''}`}>
              <span className="select-none text-zinc-500">{l.t ? new Date(l.t).toLocaleTimeString() : ''} </span>
              {bad && <span aria-label="error line">✕ </span>}
              {l.text}
            </div>
          );
        })}
      </div>
      {!follow && (
        <button
          type="button"
          onClick={() => setFollow(true)}
          data-testid="follow-log"
          className="absolute bottom-3 right-5 rounded-full bg-sky-700 px-3 py-1 text-xs font-medium text-white shadow hover:bg-sky-600"
        >
          Paused · jump to latest ↓
        </button>
      )}
    </div>
  );
}

export function keepTail(prev: RebuildLine[], more: RebuildLine[]): { lines: RebuildLine[]; dropped: number } {
  const all = prev.concat(more);
  const dropped = Math.max(0, all.length - KEEP);
  return { lines: dropped ? all.slice(dropped) : all, dropped };
}
