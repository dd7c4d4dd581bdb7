import type { Slot } from '@/lib/history/queries';
import { formatUptime } from '@/lib/history/format';

function look(s: Slot): { cls: string; word: string } {
  const n = s.up + s.down;
  if (n === 0) return { cls: 'bg-zinc-200 dark:bg-zinc-800', word: 'no data' };
  if (s.down === 0) return { cls: 'bg-emerald-500 dark:bg-emerald-500/80', word: 'up' };
  if (s.up / n >= 0.9) return { cls: 'bg-amber-400 dark:bg-amber-400/80', word: 'some downtime' };
  return { cls: 'bg-rose-500 dark:bg-rose-500/80', word: 'mostly down' };
}

/**
 * The service page's strip: one bar per slot, oldest on the left. Bars with downtime are also
 * taller, with a dark cap, and each has a text label, so colour is not the only signal.
 */
export function UptimeBars({ slots, label, fmt }: { slots: Slot[]; label: string; fmt: (t: number) => string }) {
  const bad = slots.filter((s) => s.down > 0).length;
  return (
    <figure className="flex flex-col gap-1" data-testid="uptime-bars">
      <ol className="flex h-10 items-end gap-px" aria-label={label}>
        {slots.map((s) => {
          const l = look(s);
          const n = s.up + s.down;
          const text = `${fmt(s.t)}: ${n ? `${formatUptime(s.up / n)} up` : 'no data'}`;
          return (
            <li key={s.t} title={text} aria-label={text} data-word={l.word} className={`relative flex-1 rounded-sm ${l.cls} ${s.down > 0 ? 'h-full' : 'h-4/5'}`}>
              {s.down > 0 && <span aria-hidden="true" className="absolute inset-x-0 top-0 h-1 rounded-t-sm bg-zinc-900/60 dark:bg-white/70" />}
            </li>
          );
        })}
      </ol>
      <figcaption className="text-xs text-zinc-600 dark:text-zinc-400">
        {bad === 0 ? 'No downtime recorded in this range.' : `${bad} of ${slots.length} slots had downtime (taller bars with a cap).`} Grey: no data (the dashboard was not running).
      </figcaption>
    </figure>
  );
}
